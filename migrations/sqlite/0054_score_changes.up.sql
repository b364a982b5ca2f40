-- Migration 0054 (issue 9): which jobs changed since a data version, so that the per-user cache
-- of scored jobs (src/model/score_cache.c) re-reads only those after a write instead of every
-- open job. The triggers of 0033 and 0048 are replaced by the same ones doing one more thing:
-- - a write to a job (insert, delete, an update of a column a score reads), to an application or
--   to the résumé chosen for a job appends (user, the version it moved to, the job) to
--   score_changes; stack says whether the job's tech_stack may have changed (the plain skill gap
--   of /analytics/skills reads it for every job, open or not), so an application moved leaves it;
-- - a write to anything else a score reads (the profile columns of users, résumés, job
--   preferences, recommendation feedback: every job's score may move) sets full_version to the
--   version it moved to.
-- A cache entry built at version v is brought to the current version V > v from the jobs logged
-- with a version > v only when full_version <= v; else (or when the log is long, or full_version
-- is NULL: a row inserted by a job's trigger, not by the user's) it is rebuilt in full. The
-- server deletes a user's old log rows in a transaction that raises full_version to the last
-- version it deletes, so an entry older than that is rebuilt in full.
ALTER TABLE user_data_versions ADD COLUMN full_version INTEGER;
UPDATE user_data_versions SET full_version = version;
CREATE TABLE score_changes (
    user_id INTEGER NOT NULL
        CONSTRAINT score_changes_user_id_fkey REFERENCES user_data_versions (user_id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    job_id INTEGER NOT NULL,
    stack INTEGER NOT NULL CONSTRAINT score_changes_stack_check CHECK (stack IN (0, 1)),
    PRIMARY KEY (user_id, version, job_id)
) WITHOUT ROWID;

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

CREATE TRIGGER user_data_versions_jobs_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, NEW.id, 1 FROM user_data_versions WHERE user_id = NEW.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_jobs_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, OLD.id, 1 FROM user_data_versions WHERE user_id = OLD.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_jobs_update AFTER UPDATE OF user_id, company, title, location, remote_option, job_type, source, salary_min,
    salary_max, currency, tech_stack, requirements, description, created_at, status
    ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, OLD.id, NEW.tech_stack IS NOT OLD.tech_stack OR NEW.user_id IS NOT OLD.user_id FROM user_data_versions WHERE user_id = OLD.user_id
    ON CONFLICT DO NOTHING;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, NEW.id, 1 FROM user_data_versions WHERE user_id = NEW.user_id AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_applications_insert AFTER INSERT ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, NEW.job_id, 0 FROM user_data_versions WHERE user_id = NEW.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_applications_delete AFTER DELETE ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, OLD.job_id, 0 FROM user_data_versions WHERE user_id = OLD.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_applications_update AFTER UPDATE OF user_id, job_id
    ON applications BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, OLD.job_id, 0 FROM user_data_versions WHERE user_id = OLD.user_id
    ON CONFLICT DO NOTHING;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, NEW.job_id, 0 FROM user_data_versions WHERE user_id = NEW.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_job_resumes_insert AFTER INSERT ON job_resumes BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, NEW.job_id, 0 FROM user_data_versions WHERE user_id = NEW.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_job_resumes_delete AFTER DELETE ON job_resumes BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, OLD.job_id, 0 FROM user_data_versions WHERE user_id = OLD.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_job_resumes_update AFTER UPDATE
    ON job_resumes BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, OLD.job_id, 0 FROM user_data_versions WHERE user_id = OLD.user_id
    ON CONFLICT DO NOTHING;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, NEW.job_id, 0 FROM user_data_versions WHERE user_id = NEW.user_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER user_data_versions_resume_uploads_insert AFTER INSERT ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_resume_uploads_delete AFTER DELETE ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_resume_uploads_update AFTER UPDATE OF user_id, is_primary, extracted_skills
    ON resume_uploads BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_user_job_preferences_insert AFTER INSERT ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_user_job_preferences_delete AFTER DELETE ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_user_job_preferences_update AFTER UPDATE
    ON user_job_preferences BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_job_recommendation_feedback_insert AFTER INSERT ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_job_recommendation_feedback_delete AFTER DELETE ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_job_recommendation_feedback_update AFTER UPDATE
    ON job_recommendation_feedback BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;

CREATE TRIGGER user_data_versions_users_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.id, abs(random() % 4611686018427387904) WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    UPDATE user_data_versions SET full_version = version WHERE user_id = NEW.id;
END;

CREATE TRIGGER user_data_versions_users_update AFTER UPDATE OF skills, preferred_locations,
    experience_level, prefer_remote_jobs ON users BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1, full_version = version + 1;
END;
