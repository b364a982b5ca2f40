-- Migration 0073 undone: no calendar version.
DROP TRIGGER calendar_version_users_insert ON users;
DROP FUNCTION calendar_version_users_insert();
DROP TRIGGER calendar_events_version ON calendar_events;
DROP FUNCTION calendar_events_version();
ALTER TABLE user_data_versions DROP COLUMN calendar_version;
