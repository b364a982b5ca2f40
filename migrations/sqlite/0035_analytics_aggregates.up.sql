-- Migration 0035 (issue 9): the analytics reports read a few aggregate rows instead of every
-- application and job of the user. Three tables kept by triggers in the writing transaction,
-- like the counters of migration 0030; a row that reaches zero is removed, so each table equals
-- a GROUP BY recount of the rows it sums (tests/store/store_contract.c, "counters").
--   application_stages: per user and job source ('' when the job has none), the applications
--     and how many reached each stage of src/model/analytics.c (applied, responded,
--     interviewed, offered: the same conditions), and the days to a first response summed over
--     the applications answered on or after the day they were sent (timed of them), so the
--     average stays exact. The summary adds the rows up; the sources report reads them.
--   application_days: per user and UTC day of created_at, the funnel's counts (all, applied,
--     interviewed, offered, accepted). The funnel adds up the days after the one its 90-day
--     window starts in and counts that day's applications from the rows themselves.
--   activity_days: per user, metric and day, the applications sent (applied_date), answered
--     (response_date), interviewed (UTC day of interview_date), offered (offer_date) and the jobs
--     created (UTC day of created_at): the time series, this week / month / today and the goal
--     streak of the summary. The window is summed when the report is asked, so "today" is
--     never stored.
-- Days are whole days since 1970-01-01 (src/core/stats.c's stats_day). A status list is
-- tested with instr(',a,b,', ',' || status || ',') > 0, not IN (...): in a trigger, SQLite
-- builds an IN list of more than two values into a temporary table for every row written,
-- which made inserting applications 20 times slower. A job's source change
-- moves its applications between sources; a job about to be deleted takes its applications out
-- of application_stages first (its applications' own triggers then find no job).
CREATE TABLE application_stages (
    user_id INTEGER NOT NULL
        CONSTRAINT application_stages_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    n INTEGER NOT NULL,
    applied INTEGER NOT NULL,
    responses INTEGER NOT NULL,
    interviews INTEGER NOT NULL,
    offers INTEGER NOT NULL,
    timed INTEGER NOT NULL,
    response_days INTEGER NOT NULL,
    CONSTRAINT application_stages_counts_check
        CHECK (0 <= offers AND offers <= interviews AND interviews <= applied AND 0 <= responses
               AND responses <= applied AND applied <= n AND 0 <= timed AND timed <= n
               AND response_days >= 0),
    PRIMARY KEY (user_id, source)
) WITHOUT ROWID;

CREATE TABLE application_days (
    user_id INTEGER NOT NULL
        CONSTRAINT application_days_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    n INTEGER NOT NULL,
    applied INTEGER NOT NULL,
    interviews INTEGER NOT NULL,
    offers INTEGER NOT NULL,
    accepted INTEGER NOT NULL,
    CONSTRAINT application_days_counts_check
        CHECK (0 <= accepted AND accepted <= offers AND offers <= interviews
               AND interviews <= applied AND applied <= n),
    PRIMARY KEY (user_id, day)
) WITHOUT ROWID;

CREATE TABLE activity_days (
    user_id INTEGER NOT NULL
        CONSTRAINT activity_days_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    metric TEXT NOT NULL
        CONSTRAINT activity_days_metric_check
        CHECK (metric IN ('applications', 'responses', 'interviews', 'offers', 'jobs')),
    day INTEGER NOT NULL,
    n INTEGER NOT NULL CONSTRAINT activity_days_n_check CHECK (n >= 0),
    PRIMARY KEY (user_id, metric, day)
) WITHOUT ROWID;

-- the backfill
INSERT INTO application_stages (user_id, source, n, applied, responses, interviews, offers,
                                timed, response_days)
SELECT a.user_id, COALESCE(j.source, ''), COUNT(*),
       SUM(a.applied_date IS NOT NULL OR
           instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
               ',' || a.status || ',') > 0),
       SUM((a.applied_date IS NOT NULL OR
           instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
               ',' || a.status || ',') > 0)
           AND (a.response_date IS NOT NULL OR
               instr(',phone_screen,interview,technical,offer,accepted,declined,rejected,',
                   ',' || a.status || ',') > 0)),
       SUM((a.applied_date IS NOT NULL OR
           instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
               ',' || a.status || ',') > 0)
           AND (a.interview_date IS NOT NULL OR a.offer_date IS NOT NULL OR
               instr(',interview,technical,offer,accepted,declined,', ',' || a.status || ',') > 0)),
       SUM((a.applied_date IS NOT NULL OR
           instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
               ',' || a.status || ',') > 0)
           AND (a.offer_date IS NOT NULL OR
               instr(',offer,accepted,declined,', ',' || a.status || ',') > 0)),
       SUM(IFNULL(a.response_date >= a.applied_date, 0)),
       SUM(CASE WHEN a.response_date >= a.applied_date
           THEN CAST(julianday(a.response_date) - julianday(a.applied_date) AS INTEGER)
           ELSE 0 END)
FROM applications a JOIN jobs j ON j.id = a.job_id GROUP BY 1, 2;

INSERT INTO application_days (user_id, day, n, applied, interviews, offers, accepted)
SELECT user_id, CAST(julianday(substr(created_at, 1, 10)) - 2440587.5 AS INTEGER), COUNT(*),
       SUM(applied_date IS NOT NULL OR
           instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
               ',' || status || ',') > 0),
       SUM((applied_date IS NOT NULL OR
           instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
               ',' || status || ',') > 0)
           AND (interview_date IS NOT NULL OR offer_date IS NOT NULL OR
               instr(',interview,technical,offer,accepted,declined,', ',' || status || ',') > 0)),
       SUM((applied_date IS NOT NULL OR
           instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
               ',' || status || ',') > 0)
           AND (offer_date IS NOT NULL OR
               instr(',offer,accepted,declined,', ',' || status || ',') > 0)),
       SUM(status = 'accepted')
FROM applications GROUP BY 1, 2;

INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'applications', CAST(julianday(applied_date) - 2440587.5 AS INTEGER), COUNT(*)
FROM applications WHERE applied_date IS NOT NULL GROUP BY 1, 3;
INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'responses', CAST(julianday(response_date) - 2440587.5 AS INTEGER), COUNT(*)
FROM applications WHERE response_date IS NOT NULL GROUP BY 1, 3;
INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'interviews',
       CAST(julianday(substr(interview_date, 1, 10)) - 2440587.5 AS INTEGER), COUNT(*)
FROM applications WHERE interview_date IS NOT NULL GROUP BY 1, 3;
INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'offers', CAST(julianday(offer_date) - 2440587.5 AS INTEGER), COUNT(*)
FROM applications WHERE offer_date IS NOT NULL GROUP BY 1, 3;
INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'jobs', CAST(julianday(substr(created_at, 1, 10)) - 2440587.5 AS INTEGER),
       COUNT(*)
FROM jobs GROUP BY 1, 3;

-- applications: the three tables; an update subtracts the old row and adds the new one
CREATE TRIGGER application_aggregates_after_insert AFTER INSERT ON applications BEGIN
    INSERT INTO application_stages (user_id, source, n, applied, responses, interviews, offers,
                                    timed, response_days)
    SELECT NEW.user_id, COALESCE(source, ''), 1,
           NEW.applied_date IS NOT NULL OR
               instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                   ',' || NEW.status || ',') > 0,
           (NEW.applied_date IS NOT NULL OR
               instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                   ',' || NEW.status || ',') > 0)
               AND (NEW.response_date IS NOT NULL OR
                   instr(',phone_screen,interview,technical,offer,accepted,declined,rejected,',
                       ',' || NEW.status || ',') > 0),
           (NEW.applied_date IS NOT NULL OR
               instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                   ',' || NEW.status || ',') > 0)
               AND (NEW.interview_date IS NOT NULL OR NEW.offer_date IS NOT NULL OR
                   instr(',interview,technical,offer,accepted,declined,',
                       ',' || NEW.status || ',') > 0),
           (NEW.applied_date IS NOT NULL OR
               instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                   ',' || NEW.status || ',') > 0)
               AND (NEW.offer_date IS NOT NULL OR
                   instr(',offer,accepted,declined,', ',' || NEW.status || ',') > 0),
           IFNULL(NEW.response_date >= NEW.applied_date, 0),
           CASE WHEN NEW.response_date >= NEW.applied_date
               THEN CAST(julianday(NEW.response_date) - julianday(NEW.applied_date) AS INTEGER)
               ELSE 0 END
    FROM jobs WHERE id = NEW.job_id
    ON CONFLICT (user_id, source) DO UPDATE SET n = n + 1, applied = applied + excluded.applied,
        responses = responses + excluded.responses,
        interviews = interviews + excluded.interviews, offers = offers + excluded.offers,
        timed = timed + excluded.timed, response_days = response_days + excluded.response_days;
    INSERT INTO application_days (user_id, day, n, applied, interviews, offers, accepted)
    VALUES (NEW.user_id, CAST(julianday(substr(NEW.created_at, 1, 10)) - 2440587.5 AS INTEGER),
            1,
            NEW.applied_date IS NOT NULL OR
                instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                    ',' || NEW.status || ',') > 0,
            (NEW.applied_date IS NOT NULL OR
                instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                    ',' || NEW.status || ',') > 0)
                AND (NEW.interview_date IS NOT NULL OR NEW.offer_date IS NOT NULL OR
                    instr(',interview,technical,offer,accepted,declined,',
                        ',' || NEW.status || ',') > 0),
            (NEW.applied_date IS NOT NULL OR
                instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                    ',' || NEW.status || ',') > 0)
                AND (NEW.offer_date IS NOT NULL OR
                    instr(',offer,accepted,declined,', ',' || NEW.status || ',') > 0),
            NEW.status = 'accepted')
    ON CONFLICT (user_id, day) DO UPDATE SET n = n + 1, applied = applied + excluded.applied,
        interviews = interviews + excluded.interviews, offers = offers + excluded.offers,
        accepted = accepted + excluded.accepted;
    INSERT INTO activity_days (user_id, metric, day, n)
    SELECT NEW.user_id, column1, column2, 1 FROM (VALUES
        ('applications', CAST(julianday(NEW.applied_date) - 2440587.5 AS INTEGER)),
        ('responses', CAST(julianday(NEW.response_date) - 2440587.5 AS INTEGER)),
        ('interviews',
         CAST(julianday(substr(NEW.interview_date, 1, 10)) - 2440587.5 AS INTEGER)),
        ('offers', CAST(julianday(NEW.offer_date) - 2440587.5 AS INTEGER)))
    WHERE column2 IS NOT NULL
    ON CONFLICT (user_id, metric, day) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER application_aggregates_after_delete AFTER DELETE ON applications BEGIN
    UPDATE application_stages SET n = n - 1,
        applied = applied - (OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0),
        responses = responses - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.response_date IS NOT NULL OR
                instr(',phone_screen,interview,technical,offer,accepted,declined,rejected,',
                    ',' || OLD.status || ',') > 0)),
        interviews = interviews - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.interview_date IS NOT NULL OR OLD.offer_date IS NOT NULL OR
                instr(',interview,technical,offer,accepted,declined,',
                    ',' || OLD.status || ',') > 0)),
        offers = offers - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.offer_date IS NOT NULL OR
                instr(',offer,accepted,declined,', ',' || OLD.status || ',') > 0)),
        timed = timed - IFNULL(OLD.response_date >= OLD.applied_date, 0),
        response_days = response_days - CASE WHEN OLD.response_date >= OLD.applied_date
            THEN CAST(julianday(OLD.response_date) - julianday(OLD.applied_date) AS INTEGER)
            ELSE 0 END
    WHERE user_id = OLD.user_id
      AND source = (SELECT COALESCE(source, '') FROM jobs WHERE id = OLD.job_id);
    DELETE FROM application_stages WHERE user_id = OLD.user_id AND n = 0;
    UPDATE application_days SET n = n - 1,
        applied = applied - (OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0),
        interviews = interviews - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.interview_date IS NOT NULL OR OLD.offer_date IS NOT NULL OR
                instr(',interview,technical,offer,accepted,declined,',
                    ',' || OLD.status || ',') > 0)),
        offers = offers - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.offer_date IS NOT NULL OR
                instr(',offer,accepted,declined,', ',' || OLD.status || ',') > 0)),
        accepted = accepted - (OLD.status = 'accepted')
    WHERE user_id = OLD.user_id
      AND day = CAST(julianday(substr(OLD.created_at, 1, 10)) - 2440587.5 AS INTEGER);
    DELETE FROM application_days WHERE user_id = OLD.user_id
      AND day = CAST(julianday(substr(OLD.created_at, 1, 10)) - 2440587.5 AS INTEGER) AND n = 0;
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'applications'
      AND day = CAST(julianday(OLD.applied_date) - 2440587.5 AS INTEGER);
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'responses'
      AND day = CAST(julianday(OLD.response_date) - 2440587.5 AS INTEGER);
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'interviews'
      AND day = CAST(julianday(substr(OLD.interview_date, 1, 10)) - 2440587.5 AS INTEGER);
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'offers'
      AND day = CAST(julianday(OLD.offer_date) - 2440587.5 AS INTEGER);
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'applications'
      AND day = CAST(julianday(OLD.applied_date) - 2440587.5 AS INTEGER) AND n = 0;
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'responses'
      AND day = CAST(julianday(OLD.response_date) - 2440587.5 AS INTEGER) AND n = 0;
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'interviews'
      AND day = CAST(julianday(substr(OLD.interview_date, 1, 10)) - 2440587.5 AS INTEGER)
      AND n = 0;
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'offers'
      AND day = CAST(julianday(OLD.offer_date) - 2440587.5 AS INTEGER) AND n = 0;
END;

CREATE TRIGGER application_aggregates_after_update AFTER UPDATE OF user_id, job_id, status, applied_date,
    response_date, interview_date, offer_date, created_at
    ON applications
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.job_id IS NOT NEW.job_id
      OR OLD.status IS NOT NEW.status OR OLD.applied_date IS NOT NEW.applied_date
      OR OLD.response_date IS NOT NEW.response_date OR OLD.interview_date IS NOT NEW.interview_date
      OR OLD.offer_date IS NOT NEW.offer_date OR OLD.created_at IS NOT NEW.created_at
BEGIN
    UPDATE application_stages SET n = n - 1,
        applied = applied - (OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0),
        responses = responses - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.response_date IS NOT NULL OR
                instr(',phone_screen,interview,technical,offer,accepted,declined,rejected,',
                    ',' || OLD.status || ',') > 0)),
        interviews = interviews - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.interview_date IS NOT NULL OR OLD.offer_date IS NOT NULL OR
                instr(',interview,technical,offer,accepted,declined,',
                    ',' || OLD.status || ',') > 0)),
        offers = offers - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.offer_date IS NOT NULL OR
                instr(',offer,accepted,declined,', ',' || OLD.status || ',') > 0)),
        timed = timed - IFNULL(OLD.response_date >= OLD.applied_date, 0),
        response_days = response_days - CASE WHEN OLD.response_date >= OLD.applied_date
            THEN CAST(julianday(OLD.response_date) - julianday(OLD.applied_date) AS INTEGER)
            ELSE 0 END
    WHERE user_id = OLD.user_id
      AND source = (SELECT COALESCE(source, '') FROM jobs WHERE id = OLD.job_id);
    DELETE FROM application_stages WHERE user_id = OLD.user_id AND n = 0;
    UPDATE application_days SET n = n - 1,
        applied = applied - (OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0),
        interviews = interviews - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.interview_date IS NOT NULL OR OLD.offer_date IS NOT NULL OR
                instr(',interview,technical,offer,accepted,declined,',
                    ',' || OLD.status || ',') > 0)),
        offers = offers - ((OLD.applied_date IS NOT NULL OR
            instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                ',' || OLD.status || ',') > 0)
            AND (OLD.offer_date IS NOT NULL OR
                instr(',offer,accepted,declined,', ',' || OLD.status || ',') > 0)),
        accepted = accepted - (OLD.status = 'accepted')
    WHERE user_id = OLD.user_id
      AND day = CAST(julianday(substr(OLD.created_at, 1, 10)) - 2440587.5 AS INTEGER);
    DELETE FROM application_days WHERE user_id = OLD.user_id
      AND day = CAST(julianday(substr(OLD.created_at, 1, 10)) - 2440587.5 AS INTEGER) AND n = 0;
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'applications'
      AND day = CAST(julianday(OLD.applied_date) - 2440587.5 AS INTEGER);
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'responses'
      AND day = CAST(julianday(OLD.response_date) - 2440587.5 AS INTEGER);
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'interviews'
      AND day = CAST(julianday(substr(OLD.interview_date, 1, 10)) - 2440587.5 AS INTEGER);
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'offers'
      AND day = CAST(julianday(OLD.offer_date) - 2440587.5 AS INTEGER);
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'applications'
      AND day = CAST(julianday(OLD.applied_date) - 2440587.5 AS INTEGER) AND n = 0;
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'responses'
      AND day = CAST(julianday(OLD.response_date) - 2440587.5 AS INTEGER) AND n = 0;
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'interviews'
      AND day = CAST(julianday(substr(OLD.interview_date, 1, 10)) - 2440587.5 AS INTEGER)
      AND n = 0;
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'offers'
      AND day = CAST(julianday(OLD.offer_date) - 2440587.5 AS INTEGER) AND n = 0;
    INSERT INTO application_stages (user_id, source, n, applied, responses, interviews, offers,
                                    timed, response_days)
    SELECT NEW.user_id, COALESCE(source, ''), 1,
           NEW.applied_date IS NOT NULL OR
               instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                   ',' || NEW.status || ',') > 0,
           (NEW.applied_date IS NOT NULL OR
               instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                   ',' || NEW.status || ',') > 0)
               AND (NEW.response_date IS NOT NULL OR
                   instr(',phone_screen,interview,technical,offer,accepted,declined,rejected,',
                       ',' || NEW.status || ',') > 0),
           (NEW.applied_date IS NOT NULL OR
               instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                   ',' || NEW.status || ',') > 0)
               AND (NEW.interview_date IS NOT NULL OR NEW.offer_date IS NOT NULL OR
                   instr(',interview,technical,offer,accepted,declined,',
                       ',' || NEW.status || ',') > 0),
           (NEW.applied_date IS NOT NULL OR
               instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                   ',' || NEW.status || ',') > 0)
               AND (NEW.offer_date IS NOT NULL OR
                   instr(',offer,accepted,declined,', ',' || NEW.status || ',') > 0),
           IFNULL(NEW.response_date >= NEW.applied_date, 0),
           CASE WHEN NEW.response_date >= NEW.applied_date
               THEN CAST(julianday(NEW.response_date) - julianday(NEW.applied_date) AS INTEGER)
               ELSE 0 END
    FROM jobs WHERE id = NEW.job_id
    ON CONFLICT (user_id, source) DO UPDATE SET n = n + 1, applied = applied + excluded.applied,
        responses = responses + excluded.responses,
        interviews = interviews + excluded.interviews, offers = offers + excluded.offers,
        timed = timed + excluded.timed, response_days = response_days + excluded.response_days;
    INSERT INTO application_days (user_id, day, n, applied, interviews, offers, accepted)
    VALUES (NEW.user_id, CAST(julianday(substr(NEW.created_at, 1, 10)) - 2440587.5 AS INTEGER),
            1,
            NEW.applied_date IS NOT NULL OR
                instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                    ',' || NEW.status || ',') > 0,
            (NEW.applied_date IS NOT NULL OR
                instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                    ',' || NEW.status || ',') > 0)
                AND (NEW.interview_date IS NOT NULL OR NEW.offer_date IS NOT NULL OR
                    instr(',interview,technical,offer,accepted,declined,',
                        ',' || NEW.status || ',') > 0),
            (NEW.applied_date IS NOT NULL OR
                instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                    ',' || NEW.status || ',') > 0)
                AND (NEW.offer_date IS NOT NULL OR
                    instr(',offer,accepted,declined,', ',' || NEW.status || ',') > 0),
            NEW.status = 'accepted')
    ON CONFLICT (user_id, day) DO UPDATE SET n = n + 1, applied = applied + excluded.applied,
        interviews = interviews + excluded.interviews, offers = offers + excluded.offers,
        accepted = accepted + excluded.accepted;
    INSERT INTO activity_days (user_id, metric, day, n)
    SELECT NEW.user_id, column1, column2, 1 FROM (VALUES
        ('applications', CAST(julianday(NEW.applied_date) - 2440587.5 AS INTEGER)),
        ('responses', CAST(julianday(NEW.response_date) - 2440587.5 AS INTEGER)),
        ('interviews',
         CAST(julianday(substr(NEW.interview_date, 1, 10)) - 2440587.5 AS INTEGER)),
        ('offers', CAST(julianday(NEW.offer_date) - 2440587.5 AS INTEGER)))
    WHERE column2 IS NOT NULL
    ON CONFLICT (user_id, metric, day) DO UPDATE SET n = n + 1;
END;

-- jobs: the jobs created per day, and the applications of a job that moves or goes
CREATE TRIGGER activity_days_job_after_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO activity_days (user_id, metric, day, n)
    VALUES (NEW.user_id, 'jobs',
            CAST(julianday(substr(NEW.created_at, 1, 10)) - 2440587.5 AS INTEGER), 1)
    ON CONFLICT (user_id, metric, day) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER activity_days_job_after_delete AFTER DELETE ON jobs BEGIN
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'jobs'
      AND day = CAST(julianday(substr(OLD.created_at, 1, 10)) - 2440587.5 AS INTEGER);
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'jobs'
      AND day = CAST(julianday(substr(OLD.created_at, 1, 10)) - 2440587.5 AS INTEGER) AND n = 0;
END;
CREATE TRIGGER activity_days_job_after_update AFTER UPDATE OF user_id, created_at ON jobs
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.created_at IS NOT NEW.created_at
BEGIN
    UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'jobs'
      AND day = CAST(julianday(substr(OLD.created_at, 1, 10)) - 2440587.5 AS INTEGER);
    DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'jobs'
      AND day = CAST(julianday(substr(OLD.created_at, 1, 10)) - 2440587.5 AS INTEGER) AND n = 0;
    INSERT INTO activity_days (user_id, metric, day, n)
    VALUES (NEW.user_id, 'jobs',
            CAST(julianday(substr(NEW.created_at, 1, 10)) - 2440587.5 AS INTEGER), 1)
    ON CONFLICT (user_id, metric, day) DO UPDATE SET n = n + 1;
END;

-- A job's applications counted under its source: taken out before the job goes (its
-- applications' own triggers then find no job), moved when its source or owner changes.
CREATE TRIGGER application_stages_job_before_delete BEFORE DELETE ON jobs
    WHEN EXISTS (SELECT 1 FROM applications WHERE job_id = OLD.id)
BEGIN
    UPDATE application_stages SET n = n - d.n_, applied = applied - d.applied_,
        responses = responses - d.responses_, interviews = interviews - d.interviews_,
        offers = offers - d.offers_, timed = timed - d.timed_,
        response_days = response_days - d.response_days_
    FROM (SELECT COUNT(*) AS n_,
                 SUM(applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0) AS applied_,
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (response_date IS NOT NULL OR
                         instr(',phone_screen,interview,technical,offer,accepted,declined,rejected,',
                             ',' || status || ',') > 0)) AS responses_,
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (interview_date IS NOT NULL OR offer_date IS NOT NULL OR
                         instr(',interview,technical,offer,accepted,declined,',
                             ',' || status || ',') > 0)) AS interviews_,
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (offer_date IS NOT NULL OR
                         instr(',offer,accepted,declined,', ',' || status || ',') > 0)) AS offers_,
                 SUM(IFNULL(response_date >= applied_date, 0)) AS timed_,
                 SUM(CASE WHEN response_date >= applied_date
                     THEN CAST(julianday(response_date) - julianday(applied_date) AS INTEGER)
                     ELSE 0 END) AS response_days_
          FROM applications WHERE job_id = OLD.id) AS d
    WHERE user_id = OLD.user_id AND source = COALESCE(OLD.source, '');
    DELETE FROM application_stages WHERE user_id = OLD.user_id AND n = 0;
END;
CREATE TRIGGER application_stages_job_after_update AFTER UPDATE OF user_id, source ON jobs
    WHEN (OLD.user_id IS NOT NEW.user_id OR OLD.source IS NOT NEW.source)
      AND EXISTS (SELECT 1 FROM applications WHERE job_id = NEW.id)
BEGIN
    UPDATE application_stages SET n = n - d.n_, applied = applied - d.applied_,
        responses = responses - d.responses_, interviews = interviews - d.interviews_,
        offers = offers - d.offers_, timed = timed - d.timed_,
        response_days = response_days - d.response_days_
    FROM (SELECT COUNT(*) AS n_,
                 SUM(applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0) AS applied_,
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (response_date IS NOT NULL OR
                         instr(',phone_screen,interview,technical,offer,accepted,declined,rejected,',
                             ',' || status || ',') > 0)) AS responses_,
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (interview_date IS NOT NULL OR offer_date IS NOT NULL OR
                         instr(',interview,technical,offer,accepted,declined,',
                             ',' || status || ',') > 0)) AS interviews_,
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (offer_date IS NOT NULL OR
                         instr(',offer,accepted,declined,', ',' || status || ',') > 0)) AS offers_,
                 SUM(IFNULL(response_date >= applied_date, 0)) AS timed_,
                 SUM(CASE WHEN response_date >= applied_date
                     THEN CAST(julianday(response_date) - julianday(applied_date) AS INTEGER)
                     ELSE 0 END) AS response_days_
          FROM applications WHERE job_id = NEW.id) AS d
    WHERE user_id = OLD.user_id AND source = COALESCE(OLD.source, '');
    DELETE FROM application_stages WHERE user_id = OLD.user_id AND n = 0;
    INSERT INTO application_stages (user_id, source, n, applied, responses, interviews, offers,
                                    timed, response_days)
    SELECT NEW.user_id, COALESCE(NEW.source, ''), COUNT(*),
                 SUM(applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0),
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (response_date IS NOT NULL OR
                         instr(',phone_screen,interview,technical,offer,accepted,declined,rejected,',
                             ',' || status || ',') > 0)),
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (interview_date IS NOT NULL OR offer_date IS NOT NULL OR
                         instr(',interview,technical,offer,accepted,declined,',
                             ',' || status || ',') > 0)),
                 SUM((applied_date IS NOT NULL OR
                     instr(',applied,phone_screen,interview,technical,offer,accepted,declined,',
                         ',' || status || ',') > 0)
                     AND (offer_date IS NOT NULL OR
                         instr(',offer,accepted,declined,', ',' || status || ',') > 0)),
                 SUM(IFNULL(response_date >= applied_date, 0)),
                 SUM(CASE WHEN response_date >= applied_date
                     THEN CAST(julianday(response_date) - julianday(applied_date) AS INTEGER)
                     ELSE 0 END)
          FROM applications WHERE job_id = NEW.id
    GROUP BY job_id
    ON CONFLICT (user_id, source) DO UPDATE SET n = n + excluded.n,
        applied = applied + excluded.applied, responses = responses + excluded.responses,
        interviews = interviews + excluded.interviews, offers = offers + excluded.offers,
        timed = timed + excluded.timed, response_days = response_days + excluded.response_days;
END;
