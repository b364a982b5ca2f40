-- Migration 0074 undone: no board version.
DROP TRIGGER board_version_users_insert;
DROP TRIGGER board_version_counts_delete;
DROP TRIGGER board_version_counts_update;
DROP TRIGGER board_version_counts_insert;
DROP TRIGGER board_version_applications_delete;
DROP TRIGGER board_version_applications_update;
DROP TRIGGER board_version_applications_insert;
ALTER TABLE user_data_versions DROP COLUMN board_version;
