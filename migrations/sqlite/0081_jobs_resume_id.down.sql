DROP TRIGGER jobs_row_version;
CREATE TRIGGER jobs_row_version AFTER UPDATE ON jobs
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE jobs SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;
DROP TRIGGER jobs_resume_id_after_update;
DROP TRIGGER jobs_resume_id_after_delete;
DROP TRIGGER jobs_resume_id_after_insert;
ALTER TABLE jobs DROP COLUMN resume_id;
