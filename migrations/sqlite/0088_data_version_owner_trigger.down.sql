-- Migration 0088 down: user_data_versions_jobs_update as migration 0068 wrote it, text for
-- text, and no user_data_versions_jobs_owner.
DROP TRIGGER user_data_versions_jobs_owner;
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
    INSERT INTO user_data_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack)
    SELECT user_id, version, NEW.id, 1 FROM user_data_versions WHERE user_id = NEW.user_id AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT DO NOTHING;
END;
