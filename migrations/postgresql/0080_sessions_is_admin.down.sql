DROP TRIGGER sessions_is_admin_follow ON users;
DROP FUNCTION sessions_is_admin_follow();
DROP TRIGGER sessions_is_admin_set ON sessions;
DROP FUNCTION sessions_is_admin_set();
ALTER TABLE sessions DROP COLUMN is_admin;
