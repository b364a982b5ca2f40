-- Migration 0060 (issue 9): each application keeps a copy of its job's title and company, so
-- that the board (src/model/application.c, application_board) reads its rows from
-- applications alone. Its 550 rows looked their 550 jobs up through jobs_pkey, three buffers
-- each: about 0.6 of the statement's 1.5 ms for the heavy user (docs/performance.md,
-- "PostgreSQL board (ninth round)"). The copies are the database's: filled on insert and when
-- job_id changes, followed when the job's title or company changes, and any other value
-- written into them is refused. Following a rename is not a change of the application: its
-- row_version (0010) moves for every other UPDATE, as before.
ALTER TABLE applications ADD COLUMN job_title text, ADD COLUMN job_company text;

DROP TRIGGER applications_row_version ON applications;
CREATE TRIGGER applications_row_version BEFORE UPDATE ON applications
    FOR EACH ROW
    WHEN (OLD.job_id IS DISTINCT FROM NEW.job_id
          OR (OLD.job_title IS NOT DISTINCT FROM NEW.job_title
              AND OLD.job_company IS NOT DISTINCT FROM NEW.job_company))
    EXECUTE FUNCTION row_version_next();

UPDATE applications a SET job_title = j.title, job_company = j.company
FROM jobs j WHERE j.id = a.job_id;

-- Runs before applications_row_version (BEFORE triggers run in name order), whose WHEN sees
-- the copies set here.
CREATE FUNCTION application_job_copy() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    t text;
    c text;
BEGIN
    SELECT title, company INTO t, c FROM jobs WHERE id = NEW.job_id;
    IF TG_OP = 'INSERT' OR NEW.job_id IS DISTINCT FROM OLD.job_id THEN
        NEW.job_title := t;
        NEW.job_company := c;
    ELSIF NEW.job_title IS DISTINCT FROM t OR NEW.job_company IS DISTINCT FROM c THEN
        RAISE EXCEPTION 'applications.job_title and job_company copy the job''s title and company'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER applications_job_copy BEFORE INSERT OR UPDATE OF job_id, job_title, job_company
    ON applications FOR EACH ROW EXECUTE FUNCTION application_job_copy();

CREATE FUNCTION job_application_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE applications SET job_title = NEW.title, job_company = NEW.company
    WHERE job_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER jobs_application_copies AFTER UPDATE OF title, company ON jobs
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.company IS DISTINCT FROM NEW.company)
    EXECUTE FUNCTION job_application_copies();
