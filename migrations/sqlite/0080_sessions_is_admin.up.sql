-- Migration 0080 (issue 9, docs/performance.md "PostgreSQL get-by-id (eighteenth round)"): a
-- session carries its user's is_admin, so the lookup every authenticated request makes reads one
-- table by one index (sessions_token_hash_key) instead of joining users.
-- Kept by triggers, never by the application: a session's is_admin is set from its user's after
-- insert (and after any update of user_id or is_admin: a raw write cannot make it differ), and a
-- change of users.is_admin is copied into every session of the user in the same statement, so a
-- user made admin or no longer admin shows on the next request.
ALTER TABLE sessions ADD COLUMN is_admin BOOLEAN NOT NULL DEFAULT 0
    CONSTRAINT sessions_is_admin_check CHECK (is_admin IN (0, 1));
UPDATE sessions SET is_admin = coalesce((SELECT u.is_admin FROM users u WHERE u.id = sessions.user_id), 0);

CREATE TRIGGER sessions_is_admin_after_insert AFTER INSERT ON sessions BEGIN
    UPDATE sessions SET is_admin = coalesce((SELECT u.is_admin FROM users u WHERE u.id = NEW.user_id), 0)
    WHERE id = NEW.id;
END;
CREATE TRIGGER sessions_is_admin_after_update AFTER UPDATE OF user_id, is_admin ON sessions
    FOR EACH ROW WHEN NEW.is_admin IS NOT coalesce((SELECT u.is_admin FROM users u WHERE u.id = NEW.user_id), 0)
BEGIN
    UPDATE sessions SET is_admin = coalesce((SELECT u.is_admin FROM users u WHERE u.id = NEW.user_id), 0)
    WHERE id = NEW.id;
END;
CREATE TRIGGER sessions_is_admin_follow AFTER UPDATE OF is_admin ON users
    FOR EACH ROW WHEN NEW.is_admin IS NOT OLD.is_admin
BEGIN
    UPDATE sessions SET is_admin = NEW.is_admin WHERE user_id = NEW.id;
END;
