-- Migration 0086: the three triggers of application_date_counts (migration 0049) written so that
-- SQLite 3.40 builds no temporary B-tree (OP_OpenEphemeral, about 30,000 instructions each)
-- when they run, under the write lock (docs/performance.md, "Application writes' temporary
-- B-trees (thirty-second round)"):
-- - `x NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted')` (the final statuses
--   of src/core/pipeline.c: is the application open, n_open), for which SQLite builds a B-tree
--   of the constants at each run, is written `NOT (x = 'accepted' OR x = 'declined' ...)`. The
--   same value: 1 or 0 for a status, NULL for a NULL one either way (applications.status is
--   NOT NULL besides), with the column's affinity and collation in each comparison as in the
--   list; 0085 wrote the CHECKs' lists so.
-- - the DELETE of the days that reach zero and the UPDATE that takes the application off its
--   days matched both days in one statement, `(kind = 'applied_date' AND day = OLD.applied_date)
--   OR (kind = 'follow_up_date' AND ...)`: on this WITHOUT ROWID table, with foreign keys on,
--   SQLite collects the keys such an OR matches in a B-tree, and reads the table through a
--   second cursor, after which each INSERT ... SELECT of the trigger goes through a temporary
--   table as well. Each is two statements, one a day, on the whole primary key: they delete and
--   update the same rows (a row has one kind), each once, in the same order of DELETE then UPDATE.
-- The triggers keep their names, events and WHEN conditions. DROP and CREATE give them new places
-- at the end of sqlite_master, which changes the order SQLite runs the triggers of applications
-- in; these three write only application_date_counts, which no other trigger reads.
-- The partial index applications_follow_up_open_idx keeps its NOT IN (a B-tree at each insert,
-- delete and status change of an application): the follow-ups' query (src/model/application.c,
-- follow_up_where) writes the same list, and SQLite uses a partial index only when the query's
-- WHERE holds the index's condition as written; with the condition rewritten alone, the
-- follow-ups' plan leaves the index. PostgreSQL builds no table for an IN list: its 0086 changes
-- nothing.
DROP TRIGGER application_date_counts_after_insert;
DROP TRIGGER application_date_counts_after_delete;
DROP TRIGGER application_date_counts_after_update;
CREATE TRIGGER application_date_counts_after_insert AFTER INSERT ON applications BEGIN
    INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
    SELECT NEW.user_id, 'applied_date', NEW.applied_date, 1,
           NOT (NEW.status = 'accepted' OR NEW.status = 'declined' OR NEW.status = 'rejected' OR NEW.status = 'withdrawn' OR NEW.status = 'ghosted')
    WHERE NEW.applied_date IS NOT NULL
    ON CONFLICT (user_id, kind, day) DO UPDATE SET n = n + 1, n_open = n_open + excluded.n_open;
    INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
    SELECT NEW.user_id, 'follow_up_date', NEW.follow_up_date, 1,
           NOT (NEW.status = 'accepted' OR NEW.status = 'declined' OR NEW.status = 'rejected' OR NEW.status = 'withdrawn' OR NEW.status = 'ghosted')
    WHERE NEW.follow_up_date IS NOT NULL
    ON CONFLICT (user_id, kind, day) DO UPDATE SET n = n + 1, n_open = n_open + excluded.n_open;
END;
CREATE TRIGGER application_date_counts_after_delete AFTER DELETE ON applications BEGIN
    DELETE FROM application_date_counts
    WHERE user_id = OLD.user_id AND kind = 'applied_date' AND day = OLD.applied_date AND n = 1;
    DELETE FROM application_date_counts
    WHERE user_id = OLD.user_id AND kind = 'follow_up_date' AND day = OLD.follow_up_date AND n = 1;
    UPDATE application_date_counts
    SET n = n - 1, n_open = n_open - (NOT (OLD.status = 'accepted' OR OLD.status = 'declined' OR OLD.status = 'rejected' OR OLD.status = 'withdrawn' OR OLD.status = 'ghosted'))
    WHERE user_id = OLD.user_id AND kind = 'applied_date' AND day = OLD.applied_date;
    UPDATE application_date_counts
    SET n = n - 1, n_open = n_open - (NOT (OLD.status = 'accepted' OR OLD.status = 'declined' OR OLD.status = 'rejected' OR OLD.status = 'withdrawn' OR OLD.status = 'ghosted'))
    WHERE user_id = OLD.user_id AND kind = 'follow_up_date' AND day = OLD.follow_up_date;
END;
CREATE TRIGGER application_date_counts_after_update
    AFTER UPDATE OF user_id, status, applied_date, follow_up_date ON applications
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.applied_date IS NOT NEW.applied_date
      OR OLD.follow_up_date IS NOT NEW.follow_up_date
      OR (NOT (OLD.status = 'accepted' OR OLD.status = 'declined' OR OLD.status = 'rejected' OR OLD.status = 'withdrawn' OR OLD.status = 'ghosted'))
         IS NOT (NOT (NEW.status = 'accepted' OR NEW.status = 'declined' OR NEW.status = 'rejected' OR NEW.status = 'withdrawn' OR NEW.status = 'ghosted'))
BEGIN
    DELETE FROM application_date_counts
    WHERE user_id = OLD.user_id AND kind = 'applied_date' AND day = OLD.applied_date AND n = 1;
    DELETE FROM application_date_counts
    WHERE user_id = OLD.user_id AND kind = 'follow_up_date' AND day = OLD.follow_up_date AND n = 1;
    UPDATE application_date_counts
    SET n = n - 1, n_open = n_open - (NOT (OLD.status = 'accepted' OR OLD.status = 'declined' OR OLD.status = 'rejected' OR OLD.status = 'withdrawn' OR OLD.status = 'ghosted'))
    WHERE user_id = OLD.user_id AND kind = 'applied_date' AND day = OLD.applied_date;
    UPDATE application_date_counts
    SET n = n - 1, n_open = n_open - (NOT (OLD.status = 'accepted' OR OLD.status = 'declined' OR OLD.status = 'rejected' OR OLD.status = 'withdrawn' OR OLD.status = 'ghosted'))
    WHERE user_id = OLD.user_id AND kind = 'follow_up_date' AND day = OLD.follow_up_date;
    INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
    SELECT NEW.user_id, 'applied_date', NEW.applied_date, 1,
           NOT (NEW.status = 'accepted' OR NEW.status = 'declined' OR NEW.status = 'rejected' OR NEW.status = 'withdrawn' OR NEW.status = 'ghosted')
    WHERE NEW.applied_date IS NOT NULL
    ON CONFLICT (user_id, kind, day) DO UPDATE SET n = n + 1, n_open = n_open + excluded.n_open;
    INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
    SELECT NEW.user_id, 'follow_up_date', NEW.follow_up_date, 1,
           NOT (NEW.status = 'accepted' OR NEW.status = 'declined' OR NEW.status = 'rejected' OR NEW.status = 'withdrawn' OR NEW.status = 'ghosted')
    WHERE NEW.follow_up_date IS NOT NULL
    ON CONFLICT (user_id, kind, day) DO UPDATE SET n = n + 1, n_open = n_open + excluded.n_open;
END;
