-- Migration 0074 undone: no board version.
DROP TRIGGER board_version_users_insert ON users;
DROP FUNCTION board_version_users_insert();
DROP TRIGGER board_version ON application_counts;
DROP TRIGGER board_version ON applications;
DROP FUNCTION board_version();
ALTER TABLE user_data_versions DROP COLUMN board_version;
