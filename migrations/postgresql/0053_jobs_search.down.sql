-- Migration 0053 undone: the GIN index back on jobs, the side table and its triggers gone.
DROP TRIGGER jobs_search_delete ON jobs;
DROP TRIGGER jobs_search_update ON jobs;
DROP TRIGGER jobs_search_insert ON jobs;
DROP TABLE jobs_search;
DROP FUNCTION jobs_search_delete();
DROP FUNCTION jobs_search_update();
DROP FUNCTION jobs_search_insert();
DROP FUNCTION jobs_search_check();
CREATE INDEX jobs_search_vector_idx ON jobs USING gin (search_vector);
