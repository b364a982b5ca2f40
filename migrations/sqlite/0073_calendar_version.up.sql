-- Migration 0073 (issue 9): a per-user version of the calendar's events, so that a server can
-- keep the text of GET /calendar answers in memory (src/model/calendar_cache.c) and reuse one
-- while the version it reads is the one the answer was built at. Every answer is made of
-- calendar_events rows alone (src/model/calendar.c), so the triggers below, on that table
-- itself, see every change to an answer whatever caused it (an application's or a task's
-- write, a job's rename through applications.job_title, a cascade, raw SQL): each inserted,
-- changed or deleted event moves its user's calendar_version in the same transaction.
-- A user's row gets its calendar version when the user is made (the trigger on users below); a
-- row made otherwise may hold NULL, no version known (the reader keeps nothing then, and its
-- ETag is the answer's digest): the first bump starts it at a random number (62 bits), as 0033
-- does for version, so a user id SQLite hands out again does not meet the numbers of the
-- user it had before. The existing rows start at their (random) version.
ALTER TABLE user_data_versions ADD COLUMN calendar_version INTEGER;
UPDATE user_data_versions SET calendar_version = version;

CREATE TRIGGER calendar_events_version_insert AFTER INSERT ON calendar_events BEGIN
    UPDATE user_data_versions
    SET calendar_version = COALESCE(calendar_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = NEW.user_id;
END;
CREATE TRIGGER calendar_events_version_update AFTER UPDATE ON calendar_events BEGIN
    UPDATE user_data_versions
    SET calendar_version = COALESCE(calendar_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = OLD.user_id;
    UPDATE user_data_versions
    SET calendar_version = COALESCE(calendar_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = NEW.user_id AND NEW.user_id IS NOT OLD.user_id;
END;
CREATE TRIGGER calendar_events_version_delete AFTER DELETE ON calendar_events BEGIN
    UPDATE user_data_versions
    SET calendar_version = COALESCE(calendar_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = OLD.user_id;
END;

-- a new user's row has its calendar version from the start (an ETag from the first answer);
-- an upsert, as it may run before or after user_data_versions_users_insert makes the row
CREATE TRIGGER calendar_version_users_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_data_versions (user_id, version, calendar_version)
    VALUES (NEW.id, abs(random() % 4611686018427387904), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET
        calendar_version = COALESCE(calendar_version, excluded.calendar_version);
END;
