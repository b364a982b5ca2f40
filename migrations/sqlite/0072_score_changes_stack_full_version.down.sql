-- Migration 0072 undone: the users' insert trigger of 0054, and no stack_full_version.
DROP TRIGGER user_data_versions_users_insert;
ALTER TABLE user_data_versions DROP COLUMN stack_full_version;
CREATE TRIGGER user_data_versions_users_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_data_versions (user_id, version) SELECT NEW.id, abs(random() % 4611686018427387904) WHERE true
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    UPDATE user_data_versions SET full_version = version WHERE user_id = NEW.id;
END;
