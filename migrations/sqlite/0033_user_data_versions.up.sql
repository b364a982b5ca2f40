-- Migration 0033 (issue 9): a per-user data version for what is derived from a user's rows.
-- The recommendation score of a job, the skill gap of /analytics/skills and the advice of
-- /resources/recommended and /learning-paths/recommended depend on the user's jobs, their
-- applications (a job with one is no longer a candidate), the résumé chosen for a job (0048),
-- the résumés' skills, the profile columns of users (skills, locations, level, remote), the job
-- preferences and the recommendation feedback. Every write to those rows moves
-- user_data_versions.version of the user in the same transaction (triggers, so cascades and raw
-- SQL writes count too); src/model/score_cache.c keeps derived results in memory and reuses
-- them only while the version it reads is unchanged, so several servers on one database agree.
-- Every user has a row from its creation (and the existing ones from here); the row goes with
-- the user. It starts at a random number (62 bits) and counts up, so a user id SQLite hands out
-- again does not meet the version numbers of the user it had before.
-- A bump skips a user that no longer exists (the cascades of a user's deletion).
-- Columns in the UPDATE OF lists below feed the scores: keep them in step with
-- src/model/recommendation.c (CANDIDATE_COLUMNS, load_learned) and src/model/user.c.
CREATE TABLE user_data_versions (
    user_id INTEGER PRIMARY KEY
        CONSTRAINT user_data_versions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    version INTEGER NOT NULL CONSTRAINT user_data_versions_version_check CHECK (version >= 0)
);
INSERT INTO user_data_versions (user_id, version) SELECT id, abs(random() % 4611686018427387904) FROM users;

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
