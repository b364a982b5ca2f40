-- Migration 0010 (SQLite): row versions for optimistic concurrency (SPEC part E).
-- Every table a client reads and writes as one object gets row_version, the object's version:
-- its ETag is "<row_version>", and If-Match turns a write into "... AND row_version = ?".
-- Rule, enforced here: every UPDATE of a row leaves row_version = old + 1. The application sets
-- it itself in table_update (src/model/table.c), so the statement's RETURNING shows the new
-- version; for any other UPDATE the trigger <table>_row_version corrects it after the fact.
-- (Triggers cannot change NEW on SQLite, hence an AFTER trigger; recursive triggers are off,
-- so its own UPDATE does not fire it again.)

ALTER TABLE users ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT users_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER users_row_version AFTER UPDATE ON users
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE users SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE jobs ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT jobs_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER jobs_row_version AFTER UPDATE ON jobs
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE jobs SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE applications ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT applications_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER applications_row_version AFTER UPDATE ON applications
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE applications SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE analytics ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT analytics_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER analytics_row_version AFTER UPDATE ON analytics
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE analytics SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE feedback ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT feedback_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER feedback_row_version AFTER UPDATE ON feedback
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE feedback SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE interview_sessions ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT interview_sessions_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER interview_sessions_row_version AFTER UPDATE ON interview_sessions
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE interview_sessions SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE resume_uploads ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT resume_uploads_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER resume_uploads_row_version AFTER UPDATE ON resume_uploads
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE resume_uploads SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE user_job_preferences ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT user_job_preferences_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER user_job_preferences_row_version AFTER UPDATE ON user_job_preferences
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE user_job_preferences SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE content_generations ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT content_generations_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER content_generations_row_version AFTER UPDATE ON content_generations
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE content_generations SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE career_resources ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT career_resources_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER career_resources_row_version AFTER UPDATE ON career_resources
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE career_resources SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

ALTER TABLE learning_paths ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1
    CONSTRAINT learning_paths_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER learning_paths_row_version AFTER UPDATE ON learning_paths
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE learning_paths SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;
