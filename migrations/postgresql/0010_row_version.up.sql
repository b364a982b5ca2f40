-- Migration 0010 (PostgreSQL): row versions for optimistic concurrency (SPEC part E).
-- Every table a client reads and writes as one object gets row_version, the object's version:
-- its ETag is "<row_version>", and If-Match turns a write into "... AND row_version = ?".
-- Rule, enforced here: every UPDATE of a row leaves row_version = old + 1, whatever the
-- statement set (the trigger <table>_row_version, BEFORE UPDATE, so RETURNING shows it).
CREATE FUNCTION row_version_next() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.row_version := OLD.row_version + 1;
    RETURN NEW;
END
$$;

ALTER TABLE users ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT users_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER users_row_version BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE jobs ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT jobs_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER jobs_row_version BEFORE UPDATE ON jobs
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE applications ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT applications_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER applications_row_version BEFORE UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE analytics ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT analytics_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER analytics_row_version BEFORE UPDATE ON analytics
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE feedback ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT feedback_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER feedback_row_version BEFORE UPDATE ON feedback
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE interview_sessions ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT interview_sessions_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER interview_sessions_row_version BEFORE UPDATE ON interview_sessions
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE resume_uploads ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT resume_uploads_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER resume_uploads_row_version BEFORE UPDATE ON resume_uploads
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE user_job_preferences ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT user_job_preferences_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER user_job_preferences_row_version BEFORE UPDATE ON user_job_preferences
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE content_generations ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT content_generations_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER content_generations_row_version BEFORE UPDATE ON content_generations
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE career_resources ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT career_resources_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER career_resources_row_version BEFORE UPDATE ON career_resources
    FOR EACH ROW EXECUTE FUNCTION row_version_next();

ALTER TABLE learning_paths ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT learning_paths_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER learning_paths_row_version BEFORE UPDATE ON learning_paths
    FOR EACH ROW EXECUTE FUNCTION row_version_next();
