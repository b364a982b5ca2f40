-- Migration 0087 down: the triggers job_value_counts_after_delete and _after_update as migration
-- 0078 wrote them and jobs_application_copies as 0060 did, text for text.
DROP TRIGGER job_value_counts_after_delete;
DROP TRIGGER job_value_counts_after_update;
DROP TRIGGER jobs_application_copies;
CREATE TRIGGER job_value_counts_after_delete AFTER DELETE ON jobs BEGIN
    UPDATE job_value_counts SET n = n - 1 WHERE user_id = OLD.user_id AND (kind, value) IN (
        VALUES ('', ''), ('status', OLD.status), ('source', COALESCE(OLD.source, '')),
               ('job_type', COALESCE(OLD.job_type, '')),
               ('remote_option', COALESCE(OLD.remote_option, '')));
    DELETE FROM job_value_counts WHERE user_id = OLD.user_id AND n = 0;
END;
CREATE TRIGGER job_value_counts_after_update AFTER UPDATE OF user_id, status, source, job_type,
    remote_option ON jobs
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
      OR OLD.source IS NOT NEW.source OR OLD.job_type IS NOT NEW.job_type
      OR OLD.remote_option IS NOT NEW.remote_option
BEGIN
    UPDATE job_value_counts SET n = n - 1 WHERE user_id = OLD.user_id AND (kind, value) IN (
        SELECT '', '' WHERE OLD.user_id IS NOT NEW.user_id
        UNION ALL SELECT 'status', OLD.status
            WHERE OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
        UNION ALL SELECT 'source', COALESCE(OLD.source, '')
            WHERE OLD.user_id IS NOT NEW.user_id OR OLD.source IS NOT NEW.source
        UNION ALL SELECT 'job_type', COALESCE(OLD.job_type, '')
            WHERE OLD.user_id IS NOT NEW.user_id OR OLD.job_type IS NOT NEW.job_type
        UNION ALL SELECT 'remote_option', COALESCE(OLD.remote_option, '')
            WHERE OLD.user_id IS NOT NEW.user_id OR OLD.remote_option IS NOT NEW.remote_option);
    DELETE FROM job_value_counts WHERE user_id = OLD.user_id AND n = 0;
    INSERT INTO job_value_counts (user_id, kind, value, n)
    SELECT NEW.user_id, '', '', 1 WHERE OLD.user_id IS NOT NEW.user_id
    UNION ALL SELECT NEW.user_id, 'status', NEW.status, 1
        WHERE OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
    UNION ALL SELECT NEW.user_id, 'source', COALESCE(NEW.source, ''), 1
        WHERE OLD.user_id IS NOT NEW.user_id OR OLD.source IS NOT NEW.source
    UNION ALL SELECT NEW.user_id, 'job_type', COALESCE(NEW.job_type, ''), 1
        WHERE OLD.user_id IS NOT NEW.user_id OR OLD.job_type IS NOT NEW.job_type
    UNION ALL SELECT NEW.user_id, 'remote_option', COALESCE(NEW.remote_option, ''), 1
        WHERE OLD.user_id IS NOT NEW.user_id OR OLD.remote_option IS NOT NEW.remote_option
    ON CONFLICT (user_id, kind, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER jobs_application_copies AFTER UPDATE OF title, company ON jobs
    WHEN OLD.title IS NOT NEW.title OR OLD.company IS NOT NEW.company
BEGIN
    UPDATE applications SET job_title = NEW.title, job_company = NEW.company
    WHERE job_id = NEW.id;
END;
