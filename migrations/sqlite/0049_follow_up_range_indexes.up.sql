-- Migration 0049 (issue 9): the follow-ups and the application date ranges at 100,000 jobs.
-- The follow-ups (GET /applications/follow-ups: due by today, open statuses only) from an index
-- of the open applications alone, in the list's order (follow_up_date, id): the page reads its
-- 20 entries and stops, and the exact total counts index entries without reading a status of a
-- closed application. The predicate is the one src/model/application.c writes (follow_up_where:
-- the final statuses of src/core/pipeline.c, as constants), so the planner can prove it; id is
-- named so that ties on the date stay in id order (SQLite adds the rowid after status otherwise).
CREATE INDEX applications_follow_up_open_idx
    ON applications (user_id, follow_up_date, id, status)
    WHERE status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted');
-- The created_at order of the lists also holds the dates the ranges filter on (applied_from/to,
-- follow_up_from/to): when many rows match, the page is read in that order and each range checked
-- in the index, without reading a row or sorting every match (list_spec.covers in
-- src/model/table.c). It replaces (user_id, created_at) of migration 0030.
CREATE INDEX applications_user_created_dates_idx
    ON applications (user_id, created_at, id, applied_date, follow_up_date);
DROP INDEX applications_user_created_at_idx;
-- The exact totals of those lists from counters instead of every match's index entry: per user,
-- date column (applied_date, follow_up_date) and day, the applications with that date (n) and
-- the open ones among them (n_open: the follow-ups). A range's total sums the days it spans
-- (a few hundred rows at most, one per day) instead of counting its matches (8,700 for
-- applied_to= 60 days back at 100,000 jobs). Kept by the triggers below in the writing
-- transaction; rows that reach zero are removed, so the table equals a GROUP BY recount of the
-- applications (tests/store/store_contract.c checks it after random writes). The final
-- statuses are those of src/core/pipeline.c, as in the index above.
CREATE TABLE application_date_counts (
    user_id INTEGER NOT NULL
        CONSTRAINT application_date_counts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL
        CONSTRAINT application_date_counts_kind_check CHECK (kind IN ('applied_date', 'follow_up_date')),
    day TEXT NOT NULL,
    n INTEGER NOT NULL CONSTRAINT application_date_counts_n_check CHECK (n > 0),
    n_open INTEGER NOT NULL
        CONSTRAINT application_date_counts_n_open_check CHECK (n_open >= 0 AND n_open <= n),
    PRIMARY KEY (user_id, kind, day)
) WITHOUT ROWID;
INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
SELECT user_id, 'applied_date', applied_date, COUNT(*),
       SUM(status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'))
FROM applications WHERE applied_date IS NOT NULL GROUP BY user_id, applied_date;
INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
SELECT user_id, 'follow_up_date', follow_up_date, COUNT(*),
       SUM(status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'))
FROM applications WHERE follow_up_date IS NOT NULL GROUP BY user_id, follow_up_date;

CREATE TRIGGER application_date_counts_after_insert AFTER INSERT ON applications BEGIN
    INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
    SELECT NEW.user_id, 'applied_date', NEW.applied_date, 1,
           NEW.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted')
    WHERE NEW.applied_date IS NOT NULL
    ON CONFLICT (user_id, kind, day) DO UPDATE SET n = n + 1, n_open = n_open + excluded.n_open;
    INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
    SELECT NEW.user_id, 'follow_up_date', NEW.follow_up_date, 1,
           NEW.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted')
    WHERE NEW.follow_up_date IS NOT NULL
    ON CONFLICT (user_id, kind, day) DO UPDATE SET n = n + 1, n_open = n_open + excluded.n_open;
END;
CREATE TRIGGER application_date_counts_after_delete AFTER DELETE ON applications BEGIN
    DELETE FROM application_date_counts
    WHERE user_id = OLD.user_id AND n = 1
      AND ((kind = 'applied_date' AND day = OLD.applied_date)
           OR (kind = 'follow_up_date' AND day = OLD.follow_up_date));
    UPDATE application_date_counts
    SET n = n - 1,
        n_open = n_open - (OLD.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'))
    WHERE user_id = OLD.user_id
      AND ((kind = 'applied_date' AND day = OLD.applied_date)
           OR (kind = 'follow_up_date' AND day = OLD.follow_up_date));
END;
CREATE TRIGGER application_date_counts_after_update
    AFTER UPDATE OF user_id, status, applied_date, follow_up_date ON applications
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.applied_date IS NOT NEW.applied_date
      OR OLD.follow_up_date IS NOT NEW.follow_up_date
      OR (OLD.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'))
         IS NOT (NEW.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'))
BEGIN
    DELETE FROM application_date_counts
    WHERE user_id = OLD.user_id AND n = 1
      AND ((kind = 'applied_date' AND day = OLD.applied_date)
           OR (kind = 'follow_up_date' AND day = OLD.follow_up_date));
    UPDATE application_date_counts
    SET n = n - 1,
        n_open = n_open - (OLD.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'))
    WHERE user_id = OLD.user_id
      AND ((kind = 'applied_date' AND day = OLD.applied_date)
           OR (kind = 'follow_up_date' AND day = OLD.follow_up_date));
    INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
    SELECT NEW.user_id, 'applied_date', NEW.applied_date, 1,
           NEW.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted')
    WHERE NEW.applied_date IS NOT NULL
    ON CONFLICT (user_id, kind, day) DO UPDATE SET n = n + 1, n_open = n_open + excluded.n_open;
    INSERT INTO application_date_counts (user_id, kind, day, n, n_open)
    SELECT NEW.user_id, 'follow_up_date', NEW.follow_up_date, 1,
           NEW.status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted')
    WHERE NEW.follow_up_date IS NOT NULL
    ON CONFLICT (user_id, kind, day) DO UPDATE SET n = n + 1, n_open = n_open + excluded.n_open;
END;
