-- Migration 0072 (issue 9): a second marker beside full_version (0054) for the plain skill gap
-- of /analytics/skills (every job's tech_stack, src/model/relevance.c, patch_plain).
-- full_version moves on every write that may move every score (a profile, résumé, preference
-- or feedback change) and wherever the log may miss a write (the user created, the log pruned
-- by the server, PostgreSQL's 256-job cap). Only the second kind matters to the plain gap,
-- which counts the jobs' stacks (logged by every job write) and marks the user's skills (read
-- again by each patch): stack_full_version moves only for it. A gap counted at version v is
-- patched from the log when stack_full_version <= v, across profile changes; NULL (a row a
-- job's trigger made) means unknown: the gap is read again.
ALTER TABLE user_data_versions ADD COLUMN stack_full_version INTEGER;
UPDATE user_data_versions SET stack_full_version = full_version;

DROP TRIGGER user_data_versions_users_insert;
CREATE TRIGGER user_data_versions_users_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.id, abs(random() % 4611686018427387904) WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    UPDATE user_data_versions SET full_version = version, stack_full_version = version WHERE user_id = NEW.id;
END;
