-- Migration 0080 (issue 9, docs/performance.md "PostgreSQL get-by-id (eighteenth round)"): a
-- session carries its user's is_admin, so the lookup every authenticated request makes reads one
-- table by one index (sessions_token_hash_key) instead of joining users.
-- Kept by triggers, never by the application: a session's is_admin is set from its user's on
-- insert (and on any update of user_id or is_admin: a raw write cannot make it differ), and a
-- change of users.is_admin is copied into every session of the user in the same statement, so a
-- user made admin or no longer admin shows on the next request.
ALTER TABLE sessions ADD COLUMN is_admin boolean NOT NULL DEFAULT false;
UPDATE sessions s SET is_admin = u.is_admin FROM users u WHERE u.id = s.user_id;

CREATE FUNCTION sessions_is_admin_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.is_admin := coalesce((SELECT u.is_admin FROM users u WHERE u.id = NEW.user_id), false);
    RETURN NEW;
END
$$;
CREATE TRIGGER sessions_is_admin_set BEFORE INSERT OR UPDATE OF user_id, is_admin ON sessions
    FOR EACH ROW EXECUTE FUNCTION sessions_is_admin_set();

CREATE FUNCTION sessions_is_admin_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sessions SET is_admin = NEW.is_admin WHERE user_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER sessions_is_admin_follow AFTER UPDATE OF is_admin ON users
    FOR EACH ROW WHEN (OLD.is_admin IS DISTINCT FROM NEW.is_admin)
    EXECUTE FUNCTION sessions_is_admin_follow();
