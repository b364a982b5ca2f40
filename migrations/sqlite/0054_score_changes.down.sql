-- Migration 0054 undone: the triggers of 0033 and 0048 as they were.
DROP TRIGGER user_data_versions_jobs_insert;
DROP TRIGGER user_data_versions_jobs_delete;
DROP TRIGGER user_data_versions_jobs_update;
DROP TRIGGER user_data_versions_applications_insert;
DROP TRIGGER user_data_versions_applications_delete;
DROP TRIGGER user_data_versions_applications_update;
DROP TRIGGER user_data_versions_job_resumes_insert;
DROP TRIGGER user_data_versions_job_resumes_delete;
DROP TRIGGER user_data_versions_job_resumes_update;
DROP TRIGGER user_data_versions_resume_uploads_insert;
DROP TRIGGER user_data_versions_resume_uploads_delete;
DROP TRIGGER user_data_versions_resume_uploads_update;
DROP TRIGGER user_data_versions_user_job_preferences_insert;
DROP TRIGGER user_data_versions_user_job_preferences_delete;
DROP TRIGGER user_data_versions_user_job_preferences_update;
DROP TRIGGER user_data_versions_job_recommendation_feedback_insert;
DROP TRIGGER user_data_versions_job_recommendation_feedback_delete;
DROP TRIGGER user_data_versions_job_recommendation_feedback_update;
DROP TRIGGER user_data_versions_users_insert;
DROP TRIGGER user_data_versions_users_update;
DROP TABLE score_changes;
ALTER TABLE user_data_versions DROP COLUMN full_version;

CREATE TRIGGER user_data_versions_users_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.id, abs(random() % 4611686018427387904) WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_users_update AFTER UPDATE OF skills, preferred_locations,
    experience_level, prefer_remote_jobs ON users BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_jobs_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_jobs_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_jobs_update AFTER UPDATE OF user_id, company, title, location, remote_option, job_type, source, salary_min,
    salary_max, currency, tech_stack, requirements, description, created_at, status
    ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_applications_insert AFTER INSERT ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_applications_delete AFTER DELETE ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_applications_update AFTER UPDATE OF user_id, job_id
    ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_resume_uploads_insert AFTER INSERT ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_resume_uploads_delete AFTER DELETE ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_resume_uploads_update AFTER UPDATE OF user_id, is_primary, extracted_skills
    ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_user_job_preferences_insert AFTER INSERT ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_user_job_preferences_delete AFTER DELETE ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_user_job_preferences_update AFTER UPDATE
    ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_job_recommendation_feedback_insert AFTER INSERT ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_job_recommendation_feedback_delete AFTER DELETE ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_job_recommendation_feedback_update AFTER UPDATE
    ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

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
