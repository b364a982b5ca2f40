-- Migration 0086 down: the three triggers of application_date_counts as migration 0049 wrote
-- them, text for text (NOT IN lists, one DELETE and one UPDATE over both days).
DROP TRIGGER application_date_counts_after_insert;
DROP TRIGGER application_date_counts_after_delete;
DROP TRIGGER application_date_counts_after_update;
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
