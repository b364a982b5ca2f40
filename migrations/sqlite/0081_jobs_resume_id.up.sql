-- Migration 0081 (issue 9, docs/performance.md "PostgreSQL get-by-id (eighteenth round)"): the
-- résumé chosen for a job (job_resumes, migration 0047) kept on the job's row, so GET /jobs/{id}
-- and every job a list or search returns read one table by primary key instead of a sub-select
-- of job_resumes. job_resumes stays the truth (its keys and cascades); jobs.resume_id is a copy
-- kept by triggers on job_resumes, written only where it differs. Such a write does not move
-- the job's row_version (the trigger jobs_row_version leaves an UPDATE that changes resume_id
-- alone): choosing a résumé moves it once, through the job's own update, as before, and a
-- choice dropped with its résumé leaves it, as before.
ALTER TABLE jobs ADD COLUMN resume_id INTEGER;
UPDATE jobs SET resume_id = (SELECT r.resume_id FROM job_resumes r WHERE r.job_id = jobs.id)
WHERE EXISTS (SELECT 1 FROM job_resumes r WHERE r.job_id = jobs.id);

CREATE TRIGGER jobs_resume_id_after_insert AFTER INSERT ON job_resumes BEGIN
    UPDATE jobs SET resume_id = NEW.resume_id
    WHERE id = NEW.job_id AND resume_id IS NOT NEW.resume_id;
END;
CREATE TRIGGER jobs_resume_id_after_delete AFTER DELETE ON job_resumes BEGIN
    UPDATE jobs SET resume_id = NULL WHERE id = OLD.job_id AND resume_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM job_resumes r WHERE r.job_id = OLD.job_id);
END;
CREATE TRIGGER jobs_resume_id_after_update AFTER UPDATE ON job_resumes BEGIN
    UPDATE jobs SET resume_id = NULL WHERE id = OLD.job_id AND resume_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM job_resumes r WHERE r.job_id = OLD.job_id);
    UPDATE jobs SET resume_id = NEW.resume_id
    WHERE id = NEW.job_id AND resume_id IS NOT NEW.resume_id;
END;

DROP TRIGGER jobs_row_version;
CREATE TRIGGER jobs_row_version AFTER UPDATE ON jobs
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1 AND NEW.resume_id IS OLD.resume_id
BEGIN
    UPDATE jobs SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;
