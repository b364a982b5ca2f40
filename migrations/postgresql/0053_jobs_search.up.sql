-- Migration 0053 (issue 9, docs/performance.md "Search on PostgreSQL (seventh round)"): the
-- jobs' search vectors indexed in a narrow table of their own instead of on jobs.
--
-- An exact search total reads every heap page that holds a match: PostgreSQL 15 reads them even
-- when the count needs no column and the visibility map says all of them are visible. On jobs a
-- row is about 1.6 kB (5 a page), so 12,497 matches of 100,000 jobs were 7,811 pages. Here a row
-- is about 100 bytes (80 a page): the vector (716 bytes on average) is stored out of line
-- (STORAGE EXTERNAL, toast_tuple_target = 128), which PostgreSQL only does for a row over its
-- compile-time threshold of about 2 kB; `pad`, 2,048 spaces compressed to 35 bytes inline,
-- puts every row over it. A count through the GIN index then reads the matches' rows here
-- (1,235 pages for the whole table) and never the vectors themselves (the bitmap is exact).
--
-- jobs keeps its generated search_vector (a page walked in the sort's order checks the words in
-- each row it reads), but no longer its GIN index: a write maintains one GIN index, here.
-- The rows are kept by the triggers below; the composite key follows a job's owner and goes with
-- the job.
CREATE TABLE jobs_search (
    job_id bigint PRIMARY KEY,
    user_id bigint NOT NULL,
    search_vector tsvector NOT NULL,
    pad text GENERATED ALWAYS AS (repeat(' ', 2048)) STORED,
    CONSTRAINT jobs_search_job_fkey FOREIGN KEY (job_id, user_id) REFERENCES jobs (id, user_id)
        ON UPDATE CASCADE ON DELETE CASCADE
) WITH (toast_tuple_target = 128);
ALTER TABLE jobs_search ALTER COLUMN search_vector SET STORAGE EXTERNAL;

INSERT INTO jobs_search (job_id, user_id, search_vector)
SELECT id, user_id, search_vector FROM jobs;
DROP INDEX jobs_search_vector_idx;
CREATE INDEX jobs_search_vector_idx ON jobs_search USING gin (search_vector);

-- inserted jobs copied once per statement (an import or a seed inserts many per statement)
CREATE FUNCTION jobs_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO jobs_search (job_id, user_id, search_vector)
    SELECT id, user_id, search_vector FROM new_jobs;
    RETURN NULL;
END $$;
CREATE FUNCTION jobs_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE jobs_search SET search_vector = NEW.search_vector WHERE job_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER jobs_search_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_search_insert();
CREATE TRIGGER jobs_search_update AFTER UPDATE OF title, company, description, requirements
    ON jobs FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector)
    EXECUTE FUNCTION jobs_search_update();
