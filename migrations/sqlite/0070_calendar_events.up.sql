-- Migration 0070 (issue 9): the calendar's events kept on write, so that GET /calendar reads one
-- user's range in the answer's order from this table alone (src/model/calendar.c), instead of
-- four arms over applications and tasks (one random row of applications per event) and a sort
-- (docs/performance.md, "The calendar (eleventh round)"). One row per event: an application's
-- follow-up (kind 0), interview (1) and offer (2) on their days, an open task (3) on its due
-- date. The key is the answer's order: the day, the all-day events first (datetime ''), the
-- interview's time, the kind, the application (0: none), the task (0: none). title is the
-- whole text the answer shows ("Follow up: <job title> at <company>", "Task: <title>").
-- The rows are the database's: the triggers below keep them after every write to applications
-- and tasks (a job's rename reaches them through applications.job_title, migration 0060), and
-- a user's rows go with the user.
CREATE TABLE calendar_events (
    user_id INTEGER NOT NULL
        CONSTRAINT calendar_events_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    datetime TEXT NOT NULL,
    kind INTEGER NOT NULL CONSTRAINT calendar_events_kind_check CHECK (kind BETWEEN 0 AND 3),
    application_id INTEGER NOT NULL,
    task_id INTEGER NOT NULL,
    job_id INTEGER,
    title TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, date, datetime, kind, application_id, task_id)
) WITHOUT ROWID;

-- The events of the application id as it is now (read from the row, not from NEW: the
-- triggers of 0060 fill the job's copies after the insert, in an UPDATE of their own).
CREATE VIEW calendar_application_events AS
SELECT id AS source_id, user_id, follow_up_date AS date, '' AS datetime, 0 AS kind,
       id AS application_id, 0 AS task_id, job_id,
       'Follow up: ' || COALESCE(job_title, '') || COALESCE(' at ' || job_company, '') AS title,
       updated_at
FROM applications WHERE follow_up_date IS NOT NULL
UNION ALL
SELECT id, user_id, substr(interview_date, 1, 10), interview_date, 1, id, 0, job_id,
       'Interview: ' || COALESCE(job_title, '') || COALESCE(' at ' || job_company, ''),
       updated_at
FROM applications WHERE interview_date IS NOT NULL
UNION ALL
SELECT id, user_id, offer_date, '', 2, id, 0, job_id,
       'Offer: ' || COALESCE(job_title, '') || COALESCE(' at ' || job_company, ''), updated_at
FROM applications WHERE offer_date IS NOT NULL;

-- The event of an open task with a due date; its job is its own or its application's.
CREATE VIEW calendar_task_events AS
SELECT t.id AS source_id, t.user_id, t.due_date AS date, '' AS datetime, 3 AS kind,
       COALESCE(t.application_id, 0) AS application_id, t.id AS task_id,
       COALESCE(t.job_id, a.job_id) AS job_id, 'Task: ' || t.title AS title, t.updated_at
FROM tasks t LEFT JOIN applications a ON a.id = t.application_id
WHERE t.due_date IS NOT NULL AND t.done_at IS NULL;

INSERT INTO calendar_events (user_id, date, datetime, kind, application_id, task_id, job_id,
                             title, updated_at)
SELECT user_id, date, datetime, kind, application_id, task_id, job_id, title, updated_at
FROM calendar_application_events
UNION ALL
SELECT user_id, date, datetime, kind, application_id, task_id, job_id, title, updated_at
FROM calendar_task_events;

CREATE TRIGGER calendar_events_application_insert AFTER INSERT ON applications BEGIN
    INSERT INTO calendar_events (user_id, date, datetime, kind, application_id, task_id, job_id,
                                 title, updated_at)
    SELECT user_id, date, datetime, kind, application_id, task_id, job_id, title, updated_at
    FROM calendar_application_events WHERE source_id = NEW.id
    ON CONFLICT DO UPDATE SET job_id = excluded.job_id, title = excluded.title,
        updated_at = excluded.updated_at;
END;
CREATE TRIGGER calendar_events_application_update
    AFTER UPDATE OF id, user_id, job_id, follow_up_date, interview_date, offer_date, job_title,
        job_company, updated_at ON applications
    WHEN OLD.id IS NOT NEW.id OR OLD.user_id IS NOT NEW.user_id OR OLD.job_id IS NOT NEW.job_id
        OR OLD.follow_up_date IS NOT NEW.follow_up_date
        OR OLD.interview_date IS NOT NEW.interview_date OR OLD.offer_date IS NOT NEW.offer_date
        OR OLD.job_title IS NOT NEW.job_title OR OLD.job_company IS NOT NEW.job_company
        OR OLD.updated_at IS NOT NEW.updated_at
BEGIN
    DELETE FROM calendar_events
    WHERE user_id = OLD.user_id AND date = OLD.follow_up_date AND datetime = '' AND kind = 0
      AND application_id = OLD.id AND task_id = 0;
    DELETE FROM calendar_events
    WHERE user_id = OLD.user_id AND date = substr(OLD.interview_date, 1, 10)
      AND datetime = OLD.interview_date AND kind = 1 AND application_id = OLD.id AND task_id = 0;
    DELETE FROM calendar_events
    WHERE user_id = OLD.user_id AND date = OLD.offer_date AND datetime = '' AND kind = 2
      AND application_id = OLD.id AND task_id = 0;
    INSERT INTO calendar_events (user_id, date, datetime, kind, application_id, task_id, job_id,
                                 title, updated_at)
    SELECT user_id, date, datetime, kind, application_id, task_id, job_id, title, updated_at
    FROM calendar_application_events WHERE source_id = NEW.id
    ON CONFLICT DO UPDATE SET job_id = excluded.job_id, title = excluded.title,
        updated_at = excluded.updated_at;
    -- the tasks of the application show its job
    UPDATE calendar_events SET job_id = NEW.job_id
    WHERE OLD.job_id IS NOT NEW.job_id AND user_id = NEW.user_id AND kind = 3
      AND application_id = NEW.id AND job_id IS NOT NEW.job_id;
END;
CREATE TRIGGER calendar_events_application_delete AFTER DELETE ON applications BEGIN
    DELETE FROM calendar_events
    WHERE user_id = OLD.user_id AND date = OLD.follow_up_date AND datetime = '' AND kind = 0
      AND application_id = OLD.id AND task_id = 0;
    DELETE FROM calendar_events
    WHERE user_id = OLD.user_id AND date = substr(OLD.interview_date, 1, 10)
      AND datetime = OLD.interview_date AND kind = 1 AND application_id = OLD.id AND task_id = 0;
    DELETE FROM calendar_events
    WHERE user_id = OLD.user_id AND date = OLD.offer_date AND datetime = '' AND kind = 2
      AND application_id = OLD.id AND task_id = 0;
END;

CREATE TRIGGER calendar_events_task_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO calendar_events (user_id, date, datetime, kind, application_id, task_id, job_id,
                                 title, updated_at)
    SELECT user_id, date, datetime, kind, application_id, task_id, job_id, title, updated_at
    FROM calendar_task_events WHERE source_id = NEW.id
    ON CONFLICT DO UPDATE SET job_id = excluded.job_id, title = excluded.title,
        updated_at = excluded.updated_at;
END;
CREATE TRIGGER calendar_events_task_update
    AFTER UPDATE OF id, user_id, title, due_date, done_at, application_id, job_id, updated_at
    ON tasks
    WHEN OLD.id IS NOT NEW.id OR OLD.user_id IS NOT NEW.user_id OR OLD.title IS NOT NEW.title
        OR OLD.due_date IS NOT NEW.due_date OR OLD.done_at IS NOT NEW.done_at
        OR OLD.application_id IS NOT NEW.application_id OR OLD.job_id IS NOT NEW.job_id
        OR OLD.updated_at IS NOT NEW.updated_at
BEGIN
    DELETE FROM calendar_events
    WHERE user_id = OLD.user_id AND date = OLD.due_date AND datetime = '' AND kind = 3
      AND application_id = COALESCE(OLD.application_id, 0) AND task_id = OLD.id;
    INSERT INTO calendar_events (user_id, date, datetime, kind, application_id, task_id, job_id,
                                 title, updated_at)
    SELECT user_id, date, datetime, kind, application_id, task_id, job_id, title, updated_at
    FROM calendar_task_events WHERE source_id = NEW.id
    ON CONFLICT DO UPDATE SET job_id = excluded.job_id, title = excluded.title,
        updated_at = excluded.updated_at;
END;
CREATE TRIGGER calendar_events_task_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM calendar_events
    WHERE user_id = OLD.user_id AND date = OLD.due_date AND datetime = '' AND kind = 3
      AND application_id = COALESCE(OLD.application_id, 0) AND task_id = OLD.id;
END;
