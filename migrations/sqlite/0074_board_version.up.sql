-- Migration 0074 (issue 9): a per-user version of the applications' board, so that a server can
-- keep the text of GET /applications/board answers in memory (src/model/answer_cache.c, the
-- calendar's cache of 0073) and reuse one while the version it reads is the one the answer was
-- built at. An answer is made of applications rows (every column, with the job's title and
-- company from the application's own copies, migration 0060) and of application_counts
-- (src/model/application.c, application_board), so the triggers below, on those two tables
-- themselves, see every change to an answer whatever caused it (a write through the API, a
-- job's rename through the copies, a cascade from a job's deletion, raw SQL): each inserted,
-- changed or deleted row moves its user's board_version in the same transaction.
-- A user's row gets its board version when the user is made (the trigger on users below); a row
-- made otherwise may hold NULL, no version known (the reader keeps nothing then, and its ETag is
-- the answer's digest): the first bump starts it at a random number (62 bits), as 0033 does for
-- version. The existing rows start at their (random) version.
ALTER TABLE user_data_versions ADD COLUMN board_version INTEGER;
UPDATE user_data_versions SET board_version = version;

CREATE TRIGGER board_version_applications_insert AFTER INSERT ON applications BEGIN
    UPDATE user_data_versions
    SET board_version = COALESCE(board_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = NEW.user_id;
END;
CREATE TRIGGER board_version_applications_update AFTER UPDATE ON applications BEGIN
    UPDATE user_data_versions
    SET board_version = COALESCE(board_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = OLD.user_id;
    UPDATE user_data_versions
    SET board_version = COALESCE(board_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = NEW.user_id AND NEW.user_id IS NOT OLD.user_id;
END;
CREATE TRIGGER board_version_applications_delete AFTER DELETE ON applications BEGIN
    UPDATE user_data_versions
    SET board_version = COALESCE(board_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = OLD.user_id;
END;
-- the counts are kept by 0030's triggers on applications (whose writes move the version
-- above); these see a raw write of the counts themselves
CREATE TRIGGER board_version_counts_insert AFTER INSERT ON application_counts BEGIN
    UPDATE user_data_versions
    SET board_version = COALESCE(board_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = NEW.user_id;
END;
CREATE TRIGGER board_version_counts_update AFTER UPDATE ON application_counts BEGIN
    UPDATE user_data_versions
    SET board_version = COALESCE(board_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = OLD.user_id;
    UPDATE user_data_versions
    SET board_version = COALESCE(board_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = NEW.user_id AND NEW.user_id IS NOT OLD.user_id;
END;
CREATE TRIGGER board_version_counts_delete AFTER DELETE ON application_counts BEGIN
    UPDATE user_data_versions
    SET board_version = COALESCE(board_version, abs(random() % 4611686018427387904)) + 1
    WHERE user_id = OLD.user_id;
END;

-- a new user's row has its board version from the start (an ETag from the first answer); an
-- upsert, as it may run before or after the other triggers on users make the row
CREATE TRIGGER board_version_users_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_data_versions (user_id, version, board_version)
    VALUES (NEW.id, abs(random() % 4611686018427387904), abs(random() % 4611686018427387904))
    ON CONFLICT (user_id) DO UPDATE SET
        board_version = COALESCE(board_version, excluded.board_version);
END;
