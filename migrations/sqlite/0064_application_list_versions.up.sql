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
-- It starts at a random number (62 bits) and counts up, so a user id SQLite hands out again
-- does not meet the version numbers of the user it had before. A bump skips a user that no
-- longer exists (the cascades of a user's deletion).
CREATE TABLE application_list_versions (
    user_id INTEGER PRIMARY KEY
        CONSTRAINT application_list_versions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    version INTEGER NOT NULL CONSTRAINT application_list_versions_version_check CHECK (version >= 0)
);
INSERT INTO application_list_versions (user_id, version)
SELECT o.user_id, abs(random() % 4611686018427387904) FROM (SELECT DISTINCT user_id FROM applications) AS o;

CREATE TRIGGER application_list_versions_insert AFTER INSERT ON applications BEGIN
    INSERT INTO application_list_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER application_list_versions_delete AFTER DELETE ON applications BEGIN
    INSERT INTO application_list_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER application_list_versions_update AFTER UPDATE OF user_id, job_id, status,
    applied_date, response_date, interview_date, offer_date, follow_up_date, created_at
    ON applications BEGIN
    INSERT INTO application_list_versions (user_id, version)
    SELECT OLD.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
    INSERT INTO application_list_versions (user_id, version)
    SELECT NEW.user_id, abs(random() % 4611686018427387904)
    WHERE EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id) AND NEW.user_id IS NOT OLD.user_id
    ON CONFLICT (user_id) DO UPDATE SET version = version + 1;
END;
