DROP TRIGGER jobs_row_version ON jobs;
CREATE TRIGGER jobs_row_version BEFORE UPDATE ON jobs
    FOR EACH ROW EXECUTE FUNCTION row_version_next();
DROP TRIGGER jobs_resume_id_follow ON job_resumes;
DROP FUNCTION jobs_resume_id_follow();
ALTER TABLE jobs DROP COLUMN resume_id;
