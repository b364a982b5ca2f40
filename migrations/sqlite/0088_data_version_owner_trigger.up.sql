-- Migration 0088: user_data_versions_jobs_update (migration 0068) without the two statements
-- that act only when a job changes owner, which move to a trigger of their own,
-- user_data_versions_jobs_owner, run only then (AFTER UPDATE OF user_id, WHEN NEW.user_id IS NOT
-- OLD.user_id: the condition both statements already had in their WHERE). On SQLite each was an
-- INSERT ... SELECT after statements of the same trigger had read user_data_versions and (the
-- upsert's foreign key check) score_changes, so each went through a temporary table, opened at
-- every run whether or not its WHERE kept a row: two temporary B-trees on every update of a job
-- (docs/performance.md, "Job writes' temporary B-trees (thirty-third round)"). Now a job's update
-- that keeps its owner runs neither statement; an owner change runs both as before, with the
-- same text. The new owner's version and log row touch other rows than the old owner's (user_id
-- differs), so the order SQLite runs the two triggers in changes nothing. The first two
-- statements, names, events and text are 0068's.
-- PostgreSQL builds no table for these: its 0088 changes nothing.
DROP TRIGGER user_data_versions_jobs_update;
CREATE TRIGGER user_data_versions_jobs_update AFTER UPDATE OF user_id, company, title, location, remote_option, job_type, source, salary_min,
    salary_max, currency, tech_stack, requirements, description, created_at, status
    ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack, stack_before)
    SELECT user_id, version, OLD.id, NEW.tech_stack IS NOT OLD.tech_stack OR NEW.user_id IS NOT OLD.user_id,
        CASE WHEN NEW.tech_stack IS NOT OLD.tech_stack OR NEW.user_id IS NOT OLD.user_id THEN OLD.tech_stack END FROM user_data_versions WHERE user_id = OLD.user_id
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER user_data_versions_jobs_owner AFTER UPDATE OF user_id ON jobs
    WHEN NEW.user_id IS NOT OLD.user_id
BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, NEW.id, 1 FROM user_data_versions WHERE user_id = NEW.user_id AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT DO NOTHING;
END;
