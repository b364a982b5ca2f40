-- Migration 0060 (issue 9): each application keeps a copy of its job's title and company, so
-- that the board (src/model/application.c, application_board) reads its rows from
-- applications alone instead of looking each row's job up (docs/performance.md, "PostgreSQL
-- board (ninth round)"). The copies are the database's: filled after an insert and when
-- job_id changes, followed when the job's title or company changes, and any other value
-- written into them is refused. Following a rename is not a change of the application: its
-- row_version (0010) moves for every other UPDATE, as before.
ALTER TABLE applications ADD COLUMN job_title TEXT;
ALTER TABLE applications ADD COLUMN job_company TEXT;

DROP TRIGGER applications_row_version;
CREATE TRIGGER applications_row_version AFTER UPDATE ON applications
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
        AND (NEW.job_id IS NOT OLD.job_id
             OR (NEW.job_title IS OLD.job_title AND NEW.job_company IS OLD.job_company))
BEGIN
    UPDATE applications SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

UPDATE applications
SET job_title = (SELECT title FROM jobs WHERE jobs.id = applications.job_id),
    job_company = (SELECT company FROM jobs WHERE jobs.id = applications.job_id);

-- (each UPDATE below runs only when a copy differs: an UPDATE that leaves them as they were
-- would move row_version)
CREATE TRIGGER applications_job_copy_insert AFTER INSERT ON applications
    WHEN NEW.job_title IS NOT (SELECT title FROM jobs WHERE id = NEW.job_id)
      OR NEW.job_company IS NOT (SELECT company FROM jobs WHERE id = NEW.job_id)
BEGIN
    UPDATE applications
    SET job_title = (SELECT title FROM jobs WHERE id = NEW.job_id),
        job_company = (SELECT company FROM jobs WHERE id = NEW.job_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER applications_job_copy_job AFTER UPDATE OF job_id ON applications
    WHEN NEW.job_title IS NOT (SELECT title FROM jobs WHERE id = NEW.job_id)
      OR NEW.job_company IS NOT (SELECT company FROM jobs WHERE id = NEW.job_id)
BEGIN
    UPDATE applications
    SET job_title = (SELECT title FROM jobs WHERE id = NEW.job_id),
        job_company = (SELECT company FROM jobs WHERE id = NEW.job_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER applications_job_copy_check BEFORE UPDATE OF job_title, job_company ON applications
    WHEN NEW.job_title IS NOT (SELECT title FROM jobs WHERE id = NEW.job_id)
      OR NEW.job_company IS NOT (SELECT company FROM jobs WHERE id = NEW.job_id)
BEGIN
    SELECT RAISE(ABORT, 'applications.job_title and job_company copy the job''s title and company');
END;
CREATE TRIGGER jobs_application_copies AFTER UPDATE OF title, company ON jobs
    WHEN OLD.title IS NOT NEW.title OR OLD.company IS NOT NEW.company
BEGIN
    UPDATE applications SET job_title = NEW.title, job_company = NEW.company
    WHERE job_id = NEW.id;
END;
