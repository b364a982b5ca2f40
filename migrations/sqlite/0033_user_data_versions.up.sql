-- Migration 0033 (issue 9): a per-user data version for what is derived from a user's rows.
-- The recommendation score of a job, the skill gap of /analytics/skills and the advice of
-- /resources/recommended and /learning-paths/recommended depend on the user's jobs, their
-- applications (a job with one is no longer a candidate), the résumé chosen for a job, the
-- résumés' skills, the profile columns of users (skills, locations, level, remote), the job
-- preferences and the recommendation feedback. Every write to those rows bumps
-- user_data_versions.version of the user in the same transaction (triggers, so cascades and
-- raw SQL writes count too); src/model/score_cache.c keeps derived results in memory and reuses
-- them only while the version it read is unchanged, so several servers on one database agree.
-- The triggers on job_resumes (created by 0047) are in 0048. A missing row is version 0. The table has no foreign key on purpose: a row outlives its
-- user, so an id SQLite hands out again never meets an old version number again.
-- Columns that feed the score and are listed in the UPDATE OF lists below: keep them in step
-- with src/model/recommendation.c (CANDIDATE_COLUMNS, load_learned) and src/model/user.c.
CREATE TABLE user_data_versions (
    user_id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 0 CONSTRAINT user_data_versions_version_check CHECK (version >= 0)
);

CREATE TRIGGER user_data_versions_jobs_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_jobs_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_jobs_update AFTER UPDATE OF user_id, company, title, location, remote_option, job_type, source, salary_min,
    salary_max, currency, tech_stack, requirements, description, created_at, status
    ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_applications_insert AFTER INSERT ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_applications_delete AFTER DELETE ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_applications_update AFTER UPDATE OF user_id, job_id
    ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_resume_uploads_insert AFTER INSERT ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_resume_uploads_delete AFTER DELETE ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_resume_uploads_update AFTER UPDATE OF user_id, is_primary, extracted_skills
    ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_users_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_users_delete AFTER DELETE ON users BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_users_update AFTER UPDATE OF id, skills, preferred_locations, experience_level, prefer_remote_jobs
    ON users BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.id, 1 WHERE NEW.id IS NOT OLD.id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_user_job_preferences_insert AFTER INSERT ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_user_job_preferences_delete AFTER DELETE ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_user_job_preferences_update AFTER UPDATE
    ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER user_data_versions_job_recommendation_feedback_insert AFTER INSERT ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_job_recommendation_feedback_delete AFTER DELETE ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER user_data_versions_job_recommendation_feedback_update AFTER UPDATE
    ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT OLD.user_id, 1 WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.user_id, 1 WHERE NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
