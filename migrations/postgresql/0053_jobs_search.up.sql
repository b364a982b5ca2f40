-- Migration 0053 (issue 9, docs/performance.md "Search on PostgreSQL (seventh round)"): the
-- jobs' search vectors indexed in a narrow table of their own instead of on jobs.
--
-- An exact search total reads every heap page that holds a match: PostgreSQL 15 reads them even
-- when the count needs no column and the visibility map says all of them are visible. On jobs a
-- row is about 1.6 kB (5 a page), so 12,497 matches of 100,000 jobs were 7,811 pages. Here a row
-- is about 100 bytes (80 a page): the vector (716 bytes on average) is stored out of line
-- (STORAGE EXTERNAL, toast_tuple_target = 128), which PostgreSQL only does for a row over its
-- compile-time threshold of about 2 kB; `pad`, 2,048 spaces compressed inline to a few bytes,
-- puts every row over it. A count through the GIN index then reads the matches' rows here
-- (1,235 pages for the whole table) and never the vectors themselves (the bitmap is exact).
--
-- jobs keeps its generated search_vector (a page walked in the sort's order checks the words in
-- each row it reads), but no longer its GIN index: a write maintains one GIN index, here.
-- The rows are the jobs' own, kept by the triggers below: inserted with the jobs (once per
-- statement), changed with their searched text or owner, deleted with them.
CREATE TABLE jobs_search (
    job_id bigint PRIMARY KEY,
    user_id bigint NOT NULL,
    search_vector tsvector NOT NULL,
    pad text COMPRESSION lz4 GENERATED ALWAYS AS (repeat(' ', 2048)) STORED
) WITH (toast_tuple_target = 128);
ALTER TABLE jobs_search ALTER COLUMN search_vector SET STORAGE EXTERNAL;
-- No statistics of the vectors: every statement hides its tsquery from the planner here (a
-- sub-select; with the value in sight it would scan this table and read every vector out of
-- line), so they would never be read, and gathering them read every vector: ANALYZE of 10,000
-- rows (the import's, store_refresh_stats) 90-120 ms -> 2-9 ms.
ALTER TABLE jobs_search ALTER COLUMN search_vector SET STATISTICS 0;

INSERT INTO jobs_search (job_id, user_id, search_vector)
SELECT id, user_id, search_vector FROM jobs;
DROP INDEX jobs_search_vector_idx;
CREATE INDEX jobs_search_vector_idx ON jobs_search USING gin (search_vector);

-- The rows the triggers below write are the jobs' own; a row written any other way (raw SQL)
-- must name an existing job and its owner, as a foreign key (job_id, user_id) -> jobs (id,
-- user_id) would. Not a foreign key: its check locks the job's row (FOR KEY SHARE) on every
-- insert, about a third of this table's cost on an import; the triggers' own writes (trigger
-- depth 1) are the jobs' by construction and skip it.
CREATE FUNCTION jobs_search_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM jobs WHERE id = NEW.job_id AND user_id = NEW.user_id) THEN
        RAISE EXCEPTION 'jobs_search row for job % of user %: no such job of that user',
            NEW.job_id, NEW.user_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'jobs_search_job_fkey';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER jobs_search_check BEFORE INSERT OR UPDATE ON jobs_search
    FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION jobs_search_check();

-- inserted jobs copied once per statement (an import or a seed inserts many per statement)
CREATE FUNCTION jobs_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO jobs_search (job_id, user_id, search_vector)
    SELECT id, user_id, search_vector FROM new_jobs;
    RETURN NULL;
END $$;
CREATE FUNCTION jobs_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE jobs_search SET user_id = NEW.user_id, search_vector = NEW.search_vector
    WHERE job_id = NEW.id;
    RETURN NULL;
END $$;
CREATE FUNCTION jobs_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM jobs_search s USING old_jobs o WHERE s.job_id = o.id;
    RETURN NULL;
END $$;
CREATE TRIGGER jobs_search_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_search_insert();
CREATE TRIGGER jobs_search_update AFTER UPDATE OF user_id, title, company, description,
    requirements ON jobs FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.search_vector IS DISTINCT FROM NEW.search_vector)
    EXECUTE FUNCTION jobs_search_update();
CREATE TRIGGER jobs_search_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_search_delete();
