-- Migration 0062 undone: no table of the vectors' words, the triggers as 0055 wrote them.
DROP FUNCTION jobs_search_query(text);
CREATE OR REPLACE FUNCTION jobs_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO jobs_search (job_id, user_id, search_vector, created_at)
    SELECT id, user_id, search_vector, created_at FROM new_jobs;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION jobs_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE jobs_search SET user_id = NEW.user_id, search_vector = NEW.search_vector,
        created_at = NEW.created_at
    WHERE job_id = NEW.id;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION jobs_search_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM jobs WHERE id = NEW.job_id AND user_id = NEW.user_id
                   AND created_at = NEW.created_at) THEN
        RAISE EXCEPTION 'jobs_search row for job % of user %: no such job of that user and creation time',
            NEW.job_id, NEW.user_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'jobs_search_job_fkey';
    END IF;
    RETURN NEW;
END $$;
DROP TABLE jobs_search_lexemes;
