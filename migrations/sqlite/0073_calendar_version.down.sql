-- Migration 0073 undone: no calendar version.
DROP TRIGGER calendar_version_users_insert;
DROP TRIGGER calendar_events_version_delete;
DROP TRIGGER calendar_events_version_update;
DROP TRIGGER calendar_events_version_insert;
ALTER TABLE user_data_versions DROP COLUMN calendar_version;
