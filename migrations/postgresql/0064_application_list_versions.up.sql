-- Migration 0064 (issue 9): a per-user version of the applications' lists. Every write of an
-- application's column that a list filters or sorts by (status, job_id, applied_date,
-- response_date, interview_date, offer_date, follow_up_date, created_at), its owner, and every
-- insert and delete move application_list_versions.version of the owner in the same
-- transaction (triggers: raw SQL and cascades count too). src/model/table.c keeps an
-- application list's ordered ids with it (kept_order_page) and reads a page from them only
-- while the version read in the page's own statement is unchanged, so several servers on one
-- database agree. Not user_data_versions: that one also drives the recommendations' cache and
-- the jobs' kept totals, which an application's status or date does not change.
-- A user's row is made by its first application write (none: nothing is kept for the user).
-- It starts at a random number (62 bits) and counts up. A bump skips a user that no longer
-- exists (the cascades of a user's deletion). As in 0033, a version moves at most once per
-- user and transaction (copilot.app_list_version_bumped names the last user this transaction
-- moved): a bulk write would otherwise update the one row once per application (quadratic).
-- The INSERT stays in the trigger function itself (copy-db, src/store/catalog.c).
CREATE TABLE application_list_versions (
    user_id bigint PRIMARY KEY
        CONSTRAINT application_list_versions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    version bigint NOT NULL CONSTRAINT application_list_versions_version_check CHECK (version >= 0)
);
INSERT INTO application_list_versions (user_id, version)
SELECT o.user_id, floor(random() * 4611686018427387904)::bigint FROM (SELECT DISTINCT user_id FROM applications) AS o;

CREATE FUNCTION application_list_versions_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
           AND current_setting('copilot.app_list_version_bumped', true) IS DISTINCT FROM OLD.user_id::text THEN
        INSERT INTO application_list_versions AS v (user_id, version)
        SELECT OLD.user_id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.user_id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.app_list_version_bumped', OLD.user_id::text, true);
        END IF;
    END IF;
    IF (TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id))
           AND current_setting('copilot.app_list_version_bumped', true) IS DISTINCT FROM NEW.user_id::text THEN
        INSERT INTO application_list_versions AS v (user_id, version)
        SELECT NEW.user_id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.app_list_version_bumped', NEW.user_id::text, true);
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER application_list_versions_insert_delete AFTER INSERT OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION application_list_versions_change();
CREATE TRIGGER application_list_versions_update AFTER UPDATE OF user_id, job_id, status,
    applied_date, response_date, interview_date, offer_date, follow_up_date, created_at
    ON applications FOR EACH ROW EXECUTE FUNCTION application_list_versions_change();
