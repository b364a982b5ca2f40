-- Migration 0070 (issue 9): the calendar's events kept on write, so that GET /calendar reads one
-- user's range in the answer's order from one index (src/model/calendar.c), instead of four
-- arms over applications and tasks and a sort (docs/performance.md, "The calendar (eleventh
-- round)"). One row per event: an application's follow-up (kind 0), interview (1) and offer
-- (2), an open task with a due date (3). application_id and task_id are 0 for none (the
-- answer's null), datetime NULL for an all-day event; an interview's time is kept to the
-- second, as the answer shows it (and sorts it). title is the whole text the answer shows
-- ("Follow up: <job title> at <company>", "Task: <title>").
-- The rows are the database's: the triggers below keep them after every write to applications
-- and tasks (a job's rename reaches them through applications.job_title, migration 0060), and
-- a user's rows go with the user. The INSERTs stay in the trigger functions themselves
-- (copy-db rebuilds the table through them: src/store/catalog.c).
CREATE TABLE calendar_events (
    user_id bigint NOT NULL
        CONSTRAINT calendar_events_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    kind smallint NOT NULL CONSTRAINT calendar_events_kind_check CHECK (kind BETWEEN 0 AND 3),
    application_id bigint NOT NULL,
    task_id bigint NOT NULL,
    date date NOT NULL,
    datetime timestamptz,
    job_id bigint,
    title text NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT calendar_events_pkey PRIMARY KEY (user_id, kind, application_id, task_id)
);
-- the answer's order, and every column it shows: an index-only scan where the pages are
-- all-visible. Written on every application and task write, so vacuumed sooner than the
-- default (20% of the table) to keep the visibility map current: with half of its pages not
-- all-visible after 3,000 writes the heavy user's month was planned as a sequential scan and a
-- sort (15 ms instead of 1.5 ms)
ALTER TABLE calendar_events SET (autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
CREATE INDEX calendar_events_order_idx ON calendar_events
    (user_id, date, datetime NULLS FIRST, kind, application_id, task_id)
    INCLUDE (job_id, title, updated_at);

CREATE FUNCTION calendar_events_application() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM calendar_events
        WHERE user_id = OLD.user_id AND kind IN (0, 1, 2) AND application_id = OLD.id
          AND task_id = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO calendar_events (user_id, kind, application_id, task_id, date, datetime,
                                     job_id, title, updated_at)
        SELECT NEW.user_id, e.kind, NEW.id, 0, e.date, e.datetime, NEW.job_id,
               e.words || ': ' || COALESCE(NEW.job_title, '')
                   || COALESCE(' at ' || NEW.job_company, ''),
               NEW.updated_at
        FROM (VALUES (0, NEW.follow_up_date, NULL::timestamptz, 'Follow up'),
                     (1, (NEW.interview_date AT TIME ZONE 'UTC')::date,
                      date_trunc('second', NEW.interview_date), 'Interview'),
                     (2, NEW.offer_date, NULL::timestamptz, 'Offer'))
             AS e (kind, date, datetime, words)
        WHERE e.date IS NOT NULL;
    END IF;
    -- the tasks of the application show its job
    IF TG_OP = 'UPDATE' AND OLD.job_id IS DISTINCT FROM NEW.job_id THEN
        UPDATE calendar_events SET job_id = NEW.job_id
        WHERE user_id = NEW.user_id AND kind = 3 AND application_id = NEW.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER calendar_events_application_insert_delete AFTER INSERT OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION calendar_events_application();
CREATE TRIGGER calendar_events_application_update AFTER UPDATE OF id, user_id, job_id,
    follow_up_date, interview_date, offer_date, job_title, job_company, updated_at
    ON applications FOR EACH ROW
    WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.user_id IS DISTINCT FROM NEW.user_id
          OR OLD.job_id IS DISTINCT FROM NEW.job_id
          OR OLD.follow_up_date IS DISTINCT FROM NEW.follow_up_date
          OR OLD.interview_date IS DISTINCT FROM NEW.interview_date
          OR OLD.offer_date IS DISTINCT FROM NEW.offer_date
          OR OLD.job_title IS DISTINCT FROM NEW.job_title
          OR OLD.job_company IS DISTINCT FROM NEW.job_company
          OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION calendar_events_application();

CREATE FUNCTION calendar_events_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM calendar_events
        WHERE user_id = OLD.user_id AND kind = 3
          AND application_id = COALESCE(OLD.application_id, 0) AND task_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.due_date IS NOT NULL AND NEW.done_at IS NULL THEN
        INSERT INTO calendar_events (user_id, kind, application_id, task_id, date, datetime,
                                     job_id, title, updated_at)
        SELECT NEW.user_id, 3, COALESCE(NEW.application_id, 0), NEW.id, NEW.due_date, NULL,
               COALESCE(NEW.job_id, (SELECT a.job_id FROM applications a
                                     WHERE a.id = NEW.application_id)),
               'Task: ' || NEW.title, NEW.updated_at;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER calendar_events_task_insert_delete AFTER INSERT OR DELETE ON tasks
    FOR EACH ROW EXECUTE FUNCTION calendar_events_task();
CREATE TRIGGER calendar_events_task_update AFTER UPDATE OF id, user_id, title, due_date, done_at,
    application_id, job_id, updated_at ON tasks FOR EACH ROW
    WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.user_id IS DISTINCT FROM NEW.user_id
          OR OLD.title IS DISTINCT FROM NEW.title OR OLD.due_date IS DISTINCT FROM NEW.due_date
          OR OLD.done_at IS DISTINCT FROM NEW.done_at
          OR OLD.application_id IS DISTINCT FROM NEW.application_id
          OR OLD.job_id IS DISTINCT FROM NEW.job_id OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION calendar_events_task();

INSERT INTO calendar_events (user_id, kind, application_id, task_id, date, datetime, job_id,
                             title, updated_at)
SELECT a.user_id, e.kind, a.id, 0, e.date, e.datetime, a.job_id,
       e.words || ': ' || COALESCE(a.job_title, '') || COALESCE(' at ' || a.job_company, ''),
       a.updated_at
FROM applications a
CROSS JOIN LATERAL (VALUES (0, a.follow_up_date, NULL::timestamptz, 'Follow up'),
                           (1, (a.interview_date AT TIME ZONE 'UTC')::date,
                            date_trunc('second', a.interview_date), 'Interview'),
                           (2, a.offer_date, NULL::timestamptz, 'Offer'))
    AS e (kind, date, datetime, words)
WHERE e.date IS NOT NULL
UNION ALL
SELECT t.user_id, 3, COALESCE(t.application_id, 0), t.id, t.due_date, NULL,
       COALESCE(t.job_id, a.job_id), 'Task: ' || t.title, t.updated_at
FROM tasks t LEFT JOIN applications a ON a.id = t.application_id
WHERE t.due_date IS NOT NULL AND t.done_at IS NULL;
