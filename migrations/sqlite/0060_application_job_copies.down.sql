-- Migration 0060 down: the copies, their triggers and 0010's applications_row_version.
DROP TRIGGER jobs_application_copies;
DROP TRIGGER applications_job_copy_check;
DROP TRIGGER applications_job_copy_job;
DROP TRIGGER applications_job_copy_insert;
DROP TRIGGER applications_row_version;
CREATE TRIGGER applications_row_version AFTER UPDATE ON applications
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE applications SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;
ALTER TABLE applications DROP COLUMN job_title;
ALTER TABLE applications DROP COLUMN job_company;
