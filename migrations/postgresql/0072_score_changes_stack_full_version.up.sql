-- Migration 0072 (issue 9): a second marker beside full_version (0054) for the plain skill gap
-- of /analytics/skills (every job's tech_stack, src/model/relevance.c, patch_plain).
-- full_version moves on every write that may move every score (a profile, résumé, preference
-- or feedback change) and wherever the log may miss a write (the user created, the log pruned
-- by the server, the 256-job cap of a transaction below). Only the second kind matters to the
-- plain gap, which counts the jobs' stacks (logged by every job write) and marks the user's
-- skills (read again by each patch): stack_full_version moves only for it. A gap counted at
-- version v is patched from the log when stack_full_version <= v, across profile changes; NULL
-- (a row a job's trigger made) means unknown: the gap is read again. The two trigger functions
-- are 0068's and 0054's with the marker moved at the cap and on a user's insert.
ALTER TABLE user_data_versions ADD COLUMN stack_full_version bigint;
UPDATE user_data_versions SET stack_full_version = full_version;

CREATE OR REPLACE FUNCTION user_data_versions_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_user bigint; old_job bigint; old_stack boolean := false; -- a job the old row names
    new_user bigint; new_job bigint; new_stack boolean := false; -- a job the new row names
    log_user bigint; log_job bigint; log_stack boolean; logged text; n int;
    before jsonb; log_before jsonb; -- the old row's tech_stack, logged when old_stack
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
           AND current_setting('copilot.data_version_bumped', true) IS DISTINCT FROM OLD.user_id::text THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT OLD.user_id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.user_id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', OLD.user_id::text, true);
        END IF;
    END IF;
    IF (TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id))
           AND current_setting('copilot.data_version_bumped', true) IS DISTINCT FROM NEW.user_id::text THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT NEW.user_id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', NEW.user_id::text, true);
        END IF;
    END IF;
    IF TG_TABLE_NAME IN ('jobs', 'applications', 'job_resumes') THEN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            old_user := OLD.user_id;
            IF TG_TABLE_NAME = 'jobs' THEN
                old_job := OLD.id;
                old_stack := TG_OP = 'DELETE';
                IF TG_OP = 'UPDATE' THEN
                    old_stack := NEW.user_id IS DISTINCT FROM OLD.user_id
                                 OR NEW.tech_stack IS DISTINCT FROM OLD.tech_stack;
                END IF;
                IF old_stack THEN
                    before := OLD.tech_stack;
                END IF;
            ELSE
                old_job := OLD.job_id;
            END IF;
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (TG_TABLE_NAME <> 'jobs' OR NEW.user_id IS DISTINCT FROM OLD.user_id)) THEN
            new_user := NEW.user_id;
            IF TG_TABLE_NAME = 'jobs' THEN
                new_job := NEW.id;
                new_stack := true;
            ELSE
                new_job := NEW.job_id;
            END IF;
        END IF;
        FOR i IN 1..2 LOOP
            IF i = 1 THEN
                log_user := old_user; log_job := old_job; log_stack := old_stack; log_before := before;
            ELSE
                log_user := new_user; log_job := new_job; log_stack := new_stack; log_before := NULL;
            END IF;
            CONTINUE WHEN log_user IS NULL;
            logged := current_setting('copilot.score_changes_logged', true);
            n := CASE WHEN split_part(logged, ':', 1) = log_user::text
                      THEN split_part(logged, ':', 2)::int ELSE 0 END;
            IF n < 256 THEN
                INSERT INTO score_changes AS c (user_id, version, job_id, stack, stack_before)
                SELECT v.user_id, v.version, log_job, log_stack, log_before FROM user_data_versions v
                WHERE v.user_id = log_user
                ON CONFLICT (user_id, version, job_id) DO UPDATE SET stack = true,
                    stack_before = excluded.stack_before
                WHERE excluded.stack AND NOT c.stack;
            ELSIF n = 256 THEN
                UPDATE user_data_versions SET full_version = version, stack_full_version = version
                WHERE user_id = log_user;
            END IF;
            IF n <= 256 THEN
                PERFORM set_config('copilot.score_changes_logged', log_user || ':' || (n + 1), true);
            END IF;
        END LOOP;
    ELSE
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE user_data_versions SET full_version = version
            WHERE user_id = OLD.user_id AND full_version IS DISTINCT FROM version;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            UPDATE user_data_versions SET full_version = version
            WHERE user_id = NEW.user_id AND full_version IS DISTINCT FROM version;
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION user_data_versions_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
           AND current_setting('copilot.data_version_bumped', true) IS DISTINCT FROM OLD.id::text THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT OLD.id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', OLD.id::text, true);
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT NEW.id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', NEW.id::text, true);
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id
           AND current_setting('copilot.data_version_bumped', true) IS DISTINCT FROM NEW.id::text THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT NEW.id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', NEW.id::text, true);
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE user_data_versions SET full_version = version
        WHERE user_id = OLD.id AND full_version IS DISTINCT FROM version;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE user_data_versions SET full_version = version
        WHERE user_id = NEW.id AND full_version IS DISTINCT FROM version;
    END IF;
    IF TG_OP = 'INSERT' THEN
        UPDATE user_data_versions SET stack_full_version = version WHERE user_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
