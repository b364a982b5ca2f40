-- Migration 0074 (issue 9): a per-user version of the applications' board, so that a server can
-- keep the text of GET /applications/board answers in memory (src/model/answer_cache.c, the
-- calendar's cache of 0073) and reuse one while the version it reads is the one the answer was
-- built at; several servers on one database all read it, so none serves an answer another's
-- write made stale. An answer is made of applications rows (every column, with the job's title
-- and company from the application's own copies, migration 0060) and of application_counts
-- (src/model/application.c, application_board), so the trigger below, on those two tables
-- themselves, sees every change to an answer whatever caused it (a write through the API, a
-- job's rename through the copies, a cascade from a job's deletion, raw SQL): it moves the
-- user's board_version in the same transaction, once per transaction and user (the other
-- transactions see the version and the rows of a commit together; the marker is
-- transaction-local and undone with a rolled-back savepoint).
-- A user's row gets its board version when the user is made (the trigger on users below); a row
-- made otherwise may hold NULL, no version known (the reader keeps nothing then, and its ETag is
-- the answer's digest): the first bump starts it at a random number (62 bits), as 0033 does for
-- version. The existing rows start at their (random) version.
ALTER TABLE user_data_versions ADD COLUMN board_version bigint;
UPDATE user_data_versions SET board_version = version;

CREATE FUNCTION board_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
           AND current_setting('copilot.board_version_bumped', true)
               IS DISTINCT FROM OLD.user_id::text THEN
        UPDATE user_data_versions
        SET board_version = COALESCE(board_version,
                                     floor(random() * 4611686018427387904)::bigint) + 1
        WHERE user_id = OLD.user_id;
        PERFORM set_config('copilot.board_version_bumped', OLD.user_id::text, true);
    END IF;
    IF (TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id))
           AND current_setting('copilot.board_version_bumped', true)
               IS DISTINCT FROM NEW.user_id::text THEN
        UPDATE user_data_versions
        SET board_version = COALESCE(board_version,
                                     floor(random() * 4611686018427387904)::bigint) + 1
        WHERE user_id = NEW.user_id;
        PERFORM set_config('copilot.board_version_bumped', NEW.user_id::text, true);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER board_version AFTER INSERT OR UPDATE OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION board_version();
-- the counts are kept by 0030's triggers on applications (whose writes move the version
-- above); this one sees a raw write of the counts themselves
CREATE TRIGGER board_version AFTER INSERT OR UPDATE OR DELETE ON application_counts
    FOR EACH ROW EXECUTE FUNCTION board_version();

-- a new user's row has its board version from the start (an ETag from the first answer); an
-- upsert, as it may run before or after the other triggers on users make the row
CREATE FUNCTION board_version_users_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_data_versions AS v (user_id, version, board_version)
    VALUES (NEW.id, floor(random() * 4611686018427387904)::bigint,
            floor(random() * 4611686018427387904)::bigint)
    ON CONFLICT (user_id) DO UPDATE SET
        board_version = COALESCE(v.board_version, excluded.board_version);
    RETURN NULL;
END $$;
CREATE TRIGGER board_version_users_insert AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION board_version_users_insert();
