-- Migration 0060 down: the copies, their triggers and 0010's applications_row_version.
DROP TRIGGER jobs_application_copies ON jobs;
DROP FUNCTION job_application_copies();
DROP TRIGGER applications_job_copy ON applications;
DROP FUNCTION application_job_copy();
DROP TRIGGER applications_row_version ON applications;
CREATE TRIGGER applications_row_version BEFORE UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION row_version_next();
ALTER TABLE applications DROP COLUMN job_title, DROP COLUMN job_company;
