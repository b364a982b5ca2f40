-- Migration 0073 (issue 9): a per-user version of the calendar's events, so that a server can
-- keep the text of GET /calendar answers in memory (src/model/calendar_cache.c) and reuse one
-- while the version it reads is the one the answer was built at; several servers on one
-- database all read it, so none serves an answer another's write made stale. Every answer is
-- made of calendar_events rows alone (src/model/calendar.c), so the trigger below, on that
-- table itself, sees every change to an answer whatever caused it (an application's or a
-- task's write, a job's rename through applications.job_title, a cascade, raw SQL): it moves
-- the user's calendar_version in the same transaction, once per transaction and user (the
-- other transactions see the version and the rows of a commit together; the marker is
-- transaction-local and undone with a rolled-back savepoint).
-- A user's row gets its calendar version when the user is made (the trigger on users below); a
-- row made otherwise may hold NULL, no version known (the reader keeps nothing then, and its
-- ETag is the answer's digest): the first bump starts it at a random number (62 bits), as 0033
-- does for version. The existing rows start at their (random) version.
ALTER TABLE user_data_versions ADD COLUMN calendar_version bigint;
UPDATE user_data_versions SET calendar_version = version;

CREATE FUNCTION calendar_events_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
           AND current_setting('copilot.calendar_version_bumped', true)
               IS DISTINCT FROM OLD.user_id::text THEN
        UPDATE user_data_versions
        SET calendar_version = COALESCE(calendar_version,
                                        floor(random() * 4611686018427387904)::bigint) + 1
        WHERE user_id = OLD.user_id;
        PERFORM set_config('copilot.calendar_version_bumped', OLD.user_id::text, true);
    END IF;
    IF (TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id))
           AND current_setting('copilot.calendar_version_bumped', true)
               IS DISTINCT FROM NEW.user_id::text THEN
        UPDATE user_data_versions
        SET calendar_version = COALESCE(calendar_version,
                                        floor(random() * 4611686018427387904)::bigint) + 1
        WHERE user_id = NEW.user_id;
        PERFORM set_config('copilot.calendar_version_bumped', NEW.user_id::text, true);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER calendar_events_version AFTER INSERT OR UPDATE OR DELETE ON calendar_events
    FOR EACH ROW EXECUTE FUNCTION calendar_events_version();

-- a new user's row has its calendar version from the start (an ETag from the first answer);
-- an upsert, as it may run before or after the trigger of 0054 makes the row
CREATE FUNCTION calendar_version_users_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_data_versions AS v (user_id, version, calendar_version)
    VALUES (NEW.id, floor(random() * 4611686018427387904)::bigint,
            floor(random() * 4611686018427387904)::bigint)
    ON CONFLICT (user_id) DO UPDATE SET
        calendar_version = COALESCE(v.calendar_version, excluded.calendar_version);
    RETURN NULL;
END $$;
CREATE TRIGGER calendar_version_users_insert AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION calendar_version_users_insert();
