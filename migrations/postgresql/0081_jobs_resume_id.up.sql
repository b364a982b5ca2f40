-- Migration 0081 (issue 9, docs/performance.md "PostgreSQL get-by-id (eighteenth round)"): the
-- résumé chosen for a job (job_resumes, migration 0047) kept on the job's row, so GET /jobs/{id}
-- and every job a list or search returns read one table by primary key instead of a sub-select
-- of job_resumes. job_resumes stays the truth (its keys and cascades); jobs.resume_id is a copy
-- kept by triggers on job_resumes, written only where it differs. Such a write does not move
-- the job's row_version (the trigger jobs_row_version leaves an UPDATE that changes resume_id
-- alone): choosing a résumé moves it once, through the job's own update, as before, and a
-- choice dropped with its résumé leaves it, as before.
ALTER TABLE jobs ADD COLUMN resume_id bigint;
UPDATE jobs j SET resume_id = r.resume_id FROM job_resumes r WHERE r.job_id = j.id;

CREATE FUNCTION jobs_resume_id_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE jobs SET resume_id = NULL WHERE id = OLD.job_id AND resume_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM job_resumes r WHERE r.job_id = OLD.job_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE jobs SET resume_id = NEW.resume_id
        WHERE id = NEW.job_id AND resume_id IS DISTINCT FROM NEW.resume_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER jobs_resume_id_follow AFTER INSERT OR DELETE OR UPDATE ON job_resumes
    FOR EACH ROW EXECUTE FUNCTION jobs_resume_id_follow();

DROP TRIGGER jobs_row_version ON jobs;
CREATE TRIGGER jobs_row_version BEFORE UPDATE ON jobs
    FOR EACH ROW WHEN (OLD.resume_id IS NOT DISTINCT FROM NEW.resume_id)
    EXECUTE FUNCTION row_version_next();
