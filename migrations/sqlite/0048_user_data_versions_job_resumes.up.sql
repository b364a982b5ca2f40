-- Migration 0048 (issue 9): the data version of migration 0033 also moves with the résumé
-- chosen for a job (job_resumes, created by 0047 after 0033's number was given out).
CREATE TRIGGER user_data_versions_job_resumes_insert AFTER INSERT ON job_resumes BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_job_resumes_delete AFTER DELETE ON job_resumes BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_job_resumes_update AFTER UPDATE
    ON job_resumes BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
