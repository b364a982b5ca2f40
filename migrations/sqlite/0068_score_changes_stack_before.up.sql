-- Migration 0068 (issue 9): the job log of 0054 also keeps the tech_stack a job had before the
-- write (stack_before), on the rows that say its stack may have changed (stack): the old
-- user's row of a delete, or of an update of tech_stack or user_id. With it the plain skill
-- gap of /analytics/skills (every job's tech_stack, src/model/relevance.c) is patched after a
-- job is added, deleted or its stack edited: the first such row of a job after the gap's
-- version holds the stack the gap counted (NULL: none, or the job was not the user's), the
-- job's row now holds the one to count. Inserts and the new user's row of a move log NULL.
ALTER TABLE score_changes ADD COLUMN stack_before TEXT
    CONSTRAINT score_changes_stack_before_check CHECK (stack_before IS NULL OR stack = 1);

DROP TRIGGER user_data_versions_jobs_delete;
DROP TRIGGER user_data_versions_jobs_update;

CREATE TRIGGER user_data_versions_jobs_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO user_data_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO score_changes (user_id, version, job_id, stack, stack_before)
    SELECT user_id, version, OLD.id, 1, OLD.tech_stack FROM user_data_versions WHERE user_id = OLD.user_id
    ON CONFLICT DO NOTHING;
END;

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
