DROP TRIGGER sessions_is_admin_follow;
DROP TRIGGER sessions_is_admin_after_update;
DROP TRIGGER sessions_is_admin_after_insert;
ALTER TABLE sessions DROP COLUMN is_admin;
