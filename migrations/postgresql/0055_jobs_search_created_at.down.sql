-- Migration 0055 undone: jobs_search without created_at, its triggers as 0053 wrote them.
DROP TRIGGER jobs_search_update ON jobs;
CREATE TRIGGER jobs_search_update AFTER UPDATE OF user_id, title, company, description,
    requirements ON jobs FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.search_vector IS DISTINCT FROM NEW.search_vector)
    EXECUTE FUNCTION jobs_search_update();
CREATE OR REPLACE FUNCTION jobs_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE jobs_search SET user_id = NEW.user_id, search_vector = NEW.search_vector
    WHERE job_id = NEW.id;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION jobs_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO jobs_search (job_id, user_id, search_vector)
    SELECT id, user_id, search_vector FROM new_jobs;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION jobs_search_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM jobs WHERE id = NEW.job_id AND user_id = NEW.user_id) THEN
        RAISE EXCEPTION 'jobs_search row for job % of user %: no such job of that user',
            NEW.job_id, NEW.user_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'jobs_search_job_fkey';
    END IF;
    RETURN NEW;
END $$;
ALTER TABLE jobs_search DROP COLUMN created_at;
