-- Migration 0054 undone: the trigger functions of 0033 as they were.
CREATE OR REPLACE FUNCTION user_data_versions_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
    RETURN NULL;
END $$;

DROP TABLE score_changes;
ALTER TABLE user_data_versions DROP COLUMN full_version;
