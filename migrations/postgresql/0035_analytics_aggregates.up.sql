-- Migration 0035 (issue 9): the analytics aggregates; see the SQLite migration of the same
-- number for what each table holds. One trigger function per table written to keeps the three
-- application aggregates; days are whole days since 1970-01-01, timestamps taken in UTC
-- whatever the session's time zone.
CREATE TABLE application_stages (
    user_id bigint NOT NULL
        CONSTRAINT application_stages_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    source text NOT NULL,
    n bigint NOT NULL,
    applied bigint NOT NULL,
    responses bigint NOT NULL,
    interviews bigint NOT NULL,
    offers bigint NOT NULL,
    timed bigint NOT NULL,
    response_days bigint NOT NULL,
    CONSTRAINT application_stages_counts_check
        CHECK (0 <= offers AND offers <= interviews AND interviews <= applied AND 0 <= responses
               AND responses <= applied AND applied <= n AND 0 <= timed AND timed <= n
               AND response_days >= 0),
    PRIMARY KEY (user_id, source)
);

CREATE TABLE application_days (
    user_id bigint NOT NULL
        CONSTRAINT application_days_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    day integer NOT NULL,
    n bigint NOT NULL,
    applied bigint NOT NULL,
    interviews bigint NOT NULL,
    offers bigint NOT NULL,
    accepted bigint NOT NULL,
    CONSTRAINT application_days_counts_check
        CHECK (0 <= accepted AND accepted <= offers AND offers <= interviews
               AND interviews <= applied AND applied <= n),
    PRIMARY KEY (user_id, day)
);

CREATE TABLE activity_days (
    user_id bigint NOT NULL
        CONSTRAINT activity_days_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    metric text NOT NULL
        CONSTRAINT activity_days_metric_check
        CHECK (metric IN ('applications', 'responses', 'interviews', 'offers', 'jobs')),
    day integer NOT NULL,
    n bigint NOT NULL CONSTRAINT activity_days_n_check CHECK (n >= 0),
    PRIMARY KEY (user_id, metric, day)
);

-- Every write of a user's jobs and applications takes the user's row first (FOR NO KEY
-- UPDATE: foreign-key checks still pass), before any aggregate row: two transactions of one
-- user then never lock the same aggregate (or counter) rows in opposite orders, which would be
-- a deadlock answered with 503. One user's writes wait for each other; SQLite has one writer
-- at a time anyway. A user being deleted is no longer visible and locks nothing.
CREATE FUNCTION lock_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM users WHERE id = NEW.user_id FOR NO KEY UPDATE;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
        PERFORM 1 FROM users WHERE id IN (OLD.user_id, NEW.user_id) ORDER BY id
        FOR NO KEY UPDATE;
    ELSE
        PERFORM 1 FROM users WHERE id = OLD.user_id FOR NO KEY UPDATE;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER jobs_lock_owner BEFORE INSERT OR UPDATE OR DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION lock_owner();
CREATE TRIGGER applications_lock_owner BEFORE INSERT OR UPDATE OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION lock_owner();

-- the backfill
INSERT INTO application_stages (user_id, source, n, applied, responses, interviews, offers, timed, response_days)
SELECT a.user_id, COALESCE(j.source, ''), COUNT(*),
       SUM((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined'))::int),
       SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined'))
            AND (a.response_date IS NOT NULL OR a.status IN ('phone_screen', 'interview',
            'technical', 'offer', 'accepted', 'declined', 'rejected')))::int),
       SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined'))
            AND (a.interview_date IS NOT NULL OR a.offer_date IS NOT NULL
            OR a.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int),
       SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined'))
            AND (a.offer_date IS NOT NULL OR a.status IN ('offer', 'accepted', 'declined')))::int),
       SUM(COALESCE(a.response_date >= a.applied_date, false)::int),
       SUM(CASE WHEN a.response_date >= a.applied_date
            THEN a.response_date - a.applied_date ELSE 0 END)
FROM applications a JOIN jobs j ON j.id = a.job_id GROUP BY 1, 2;

INSERT INTO application_days (user_id, day, n, applied, interviews, offers, accepted)
SELECT a.user_id, (a.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01', COUNT(*),
       SUM((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined'))::int),
       SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined'))
            AND (a.interview_date IS NOT NULL OR a.offer_date IS NOT NULL
            OR a.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int),
       SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined'))
            AND (a.offer_date IS NOT NULL OR a.status IN ('offer', 'accepted', 'declined')))::int),
       SUM((a.status = 'accepted')::int)
FROM applications a GROUP BY 1, 2;

INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'applications', applied_date - DATE '1970-01-01', COUNT(*)
FROM applications WHERE applied_date IS NOT NULL GROUP BY 1, 3;
INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'responses', response_date - DATE '1970-01-01', COUNT(*)
FROM applications WHERE response_date IS NOT NULL GROUP BY 1, 3;
INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'interviews', (interview_date AT TIME ZONE 'UTC')::date - DATE '1970-01-01', COUNT(*)
FROM applications WHERE interview_date IS NOT NULL GROUP BY 1, 3;
INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'offers', offer_date - DATE '1970-01-01', COUNT(*)
FROM applications WHERE offer_date IS NOT NULL GROUP BY 1, 3;
INSERT INTO activity_days (user_id, metric, day, n)
SELECT user_id, 'jobs', (created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01', COUNT(*)
FROM jobs WHERE created_at IS NOT NULL GROUP BY 1, 3;

-- applications: an update takes the old row out and puts the new one in
CREATE FUNCTION application_aggregates_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    src text;
    d integer;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        -- no job: it is being deleted, and took its applications out of the sources first
        SELECT COALESCE(source, '') INTO src FROM jobs WHERE id = OLD.job_id;
        IF FOUND THEN
            UPDATE application_stages SET n = n - 1,
                applied = applied - (OLD.applied_date IS NOT NULL OR OLD.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))::int,
                responses = responses - ((OLD.applied_date IS NOT NULL OR OLD.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (OLD.response_date IS NOT NULL OR OLD.status IN ('phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined', 'rejected')))::int,
                interviews = interviews - ((OLD.applied_date IS NOT NULL OR OLD.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (OLD.interview_date IS NOT NULL OR OLD.offer_date IS NOT NULL
                OR OLD.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int,
                offers = offers - ((OLD.applied_date IS NOT NULL OR OLD.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (OLD.offer_date IS NOT NULL OR OLD.status IN ('offer', 'accepted', 'declined')))::int,
                timed = timed - COALESCE(OLD.response_date >= OLD.applied_date, false)::int,
                response_days = response_days - CASE WHEN OLD.response_date >= OLD.applied_date
                THEN OLD.response_date - OLD.applied_date ELSE 0 END
            WHERE user_id = OLD.user_id AND source = src;
            DELETE FROM application_stages WHERE user_id = OLD.user_id AND source = src AND n = 0;
        END IF;
        d := (OLD.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01';
        UPDATE application_days SET n = n - 1,
            applied = applied - (OLD.applied_date IS NOT NULL OR OLD.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))::int,
            interviews = interviews - ((OLD.applied_date IS NOT NULL OR OLD.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (OLD.interview_date IS NOT NULL OR OLD.offer_date IS NOT NULL
                OR OLD.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int,
            offers = offers - ((OLD.applied_date IS NOT NULL OR OLD.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (OLD.offer_date IS NOT NULL OR OLD.status IN ('offer', 'accepted', 'declined')))::int,
            accepted = accepted - (OLD.status = 'accepted')::int
        WHERE user_id = OLD.user_id AND day = d;
        DELETE FROM application_days WHERE user_id = OLD.user_id AND day = d AND n = 0;
        d := OLD.applied_date - DATE '1970-01-01';
        UPDATE activity_days SET n = n - 1
        WHERE user_id = OLD.user_id AND metric = 'applications' AND day = d;
        DELETE FROM activity_days
        WHERE user_id = OLD.user_id AND metric = 'applications' AND day = d AND n = 0;
        d := OLD.response_date - DATE '1970-01-01';
        UPDATE activity_days SET n = n - 1
        WHERE user_id = OLD.user_id AND metric = 'responses' AND day = d;
        DELETE FROM activity_days
        WHERE user_id = OLD.user_id AND metric = 'responses' AND day = d AND n = 0;
        d := (OLD.interview_date AT TIME ZONE 'UTC')::date - DATE '1970-01-01';
        UPDATE activity_days SET n = n - 1
        WHERE user_id = OLD.user_id AND metric = 'interviews' AND day = d;
        DELETE FROM activity_days
        WHERE user_id = OLD.user_id AND metric = 'interviews' AND day = d AND n = 0;
        d := OLD.offer_date - DATE '1970-01-01';
        UPDATE activity_days SET n = n - 1
        WHERE user_id = OLD.user_id AND metric = 'offers' AND day = d;
        DELETE FROM activity_days
        WHERE user_id = OLD.user_id AND metric = 'offers' AND day = d AND n = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO application_stages (user_id, source, n, applied, responses, interviews, offers, timed, response_days)
        SELECT NEW.user_id, COALESCE(source, ''), 1,
            (NEW.applied_date IS NOT NULL OR NEW.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))::int,
            ((NEW.applied_date IS NOT NULL OR NEW.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (NEW.response_date IS NOT NULL OR NEW.status IN ('phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined', 'rejected')))::int,
            ((NEW.applied_date IS NOT NULL OR NEW.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (NEW.interview_date IS NOT NULL OR NEW.offer_date IS NOT NULL
                OR NEW.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int,
            ((NEW.applied_date IS NOT NULL OR NEW.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (NEW.offer_date IS NOT NULL OR NEW.status IN ('offer', 'accepted', 'declined')))::int,
            COALESCE(NEW.response_date >= NEW.applied_date, false)::int,
            CASE WHEN NEW.response_date >= NEW.applied_date
                THEN NEW.response_date - NEW.applied_date ELSE 0 END
        FROM jobs WHERE id = NEW.job_id
        ON CONFLICT (user_id, source) DO UPDATE SET n = application_stages.n + 1,
            applied = application_stages.applied + EXCLUDED.applied,
            responses = application_stages.responses + EXCLUDED.responses,
            interviews = application_stages.interviews + EXCLUDED.interviews,
            offers = application_stages.offers + EXCLUDED.offers,
            timed = application_stages.timed + EXCLUDED.timed,
            response_days = application_stages.response_days + EXCLUDED.response_days;
        INSERT INTO application_days (user_id, day, n, applied, interviews, offers, accepted)
        VALUES (NEW.user_id, (NEW.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01', 1,
            (NEW.applied_date IS NOT NULL OR NEW.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))::int,
            ((NEW.applied_date IS NOT NULL OR NEW.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (NEW.interview_date IS NOT NULL OR NEW.offer_date IS NOT NULL
                OR NEW.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int,
            ((NEW.applied_date IS NOT NULL OR NEW.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (NEW.offer_date IS NOT NULL OR NEW.status IN ('offer', 'accepted', 'declined')))::int,
            (NEW.status = 'accepted')::int)
        ON CONFLICT (user_id, day) DO UPDATE SET n = application_days.n + 1,
            applied = application_days.applied + EXCLUDED.applied,
            interviews = application_days.interviews + EXCLUDED.interviews,
            offers = application_days.offers + EXCLUDED.offers,
            accepted = application_days.accepted + EXCLUDED.accepted;
        INSERT INTO activity_days (user_id, metric, day, n)
        SELECT NEW.user_id, v.metric, v.day, 1 FROM (VALUES
            ('applications', NEW.applied_date - DATE '1970-01-01'),
            ('responses', NEW.response_date - DATE '1970-01-01'),
            ('interviews', (NEW.interview_date AT TIME ZONE 'UTC')::date - DATE '1970-01-01'),
            ('offers', NEW.offer_date - DATE '1970-01-01')) AS v (metric, day)
        WHERE v.day IS NOT NULL
        ON CONFLICT (user_id, metric, day) DO UPDATE SET n = activity_days.n + 1;
    END IF;
    RETURN NULL;
END $$;
-- Rows inserted are counted once per statement (a transition table), grouped like the
-- backfill above: a multi-row INSERT (seed: 200 rows, 100 statements per transaction) then
-- updates each aggregate row it touches once instead of once per row. Every update of a row
-- in an open transaction leaves a version that cannot be pruned before the commit, and the
-- next update walks them all: a source's or a day's row updated per row made a long
-- transaction quadratic. Updates and deletes stay per row (they take one row out, one in).
-- The job's source is read per row by its key (a join with jobs, planned without statistics
-- on the transition table, took 12 ms a statement at 20,000 jobs; 2.7 ms this way).
CREATE FUNCTION application_aggregates_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO application_stages (user_id, source, n, applied, responses, interviews, offers, timed, response_days)
    SELECT a.user_id, COALESCE((SELECT j.source FROM jobs j WHERE j.id = a.job_id), ''), COUNT(*),
           SUM((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))::int),
           SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (a.response_date IS NOT NULL OR a.status IN ('phone_screen', 'interview',
                'technical', 'offer', 'accepted', 'declined', 'rejected')))::int),
           SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (a.interview_date IS NOT NULL OR a.offer_date IS NOT NULL
                OR a.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int),
           SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (a.offer_date IS NOT NULL OR a.status IN ('offer', 'accepted', 'declined')))::int),
           SUM(COALESCE(a.response_date >= a.applied_date, false)::int),
           SUM(CASE WHEN a.response_date >= a.applied_date
                THEN a.response_date - a.applied_date ELSE 0 END)
    FROM new_applications a GROUP BY 1, 2
        ON CONFLICT (user_id, source) DO UPDATE SET n = application_stages.n + EXCLUDED.n,
            applied = application_stages.applied + EXCLUDED.applied,
            responses = application_stages.responses + EXCLUDED.responses,
            interviews = application_stages.interviews + EXCLUDED.interviews,
            offers = application_stages.offers + EXCLUDED.offers,
            timed = application_stages.timed + EXCLUDED.timed,
            response_days = application_stages.response_days + EXCLUDED.response_days;
    INSERT INTO application_days (user_id, day, n, applied, interviews, offers, accepted)
    SELECT a.user_id, (a.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01', COUNT(*),
           SUM((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))::int),
           SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (a.interview_date IS NOT NULL OR a.offer_date IS NOT NULL
                OR a.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int),
           SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                    'technical', 'offer', 'accepted', 'declined'))
                AND (a.offer_date IS NOT NULL OR a.status IN ('offer', 'accepted', 'declined')))::int),
           SUM((a.status = 'accepted')::int)
    FROM new_applications a GROUP BY 1, 2
        ON CONFLICT (user_id, day) DO UPDATE SET n = application_days.n + EXCLUDED.n,
            applied = application_days.applied + EXCLUDED.applied,
            interviews = application_days.interviews + EXCLUDED.interviews,
            offers = application_days.offers + EXCLUDED.offers,
            accepted = application_days.accepted + EXCLUDED.accepted;
    INSERT INTO activity_days (user_id, metric, day, n)
    SELECT a.user_id, v.metric, v.day, COUNT(*) FROM new_applications a CROSS JOIN LATERAL (VALUES
        ('applications', a.applied_date - DATE '1970-01-01'),
        ('responses', a.response_date - DATE '1970-01-01'),
        ('interviews', (a.interview_date AT TIME ZONE 'UTC')::date - DATE '1970-01-01'),
        ('offers', a.offer_date - DATE '1970-01-01')) AS v (metric, day)
    WHERE v.day IS NOT NULL GROUP BY 1, 2, 3
    ON CONFLICT (user_id, metric, day) DO UPDATE SET n = activity_days.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE TRIGGER application_aggregates_insert AFTER INSERT ON applications
    REFERENCING NEW TABLE AS new_applications FOR EACH STATEMENT
    EXECUTE FUNCTION application_aggregates_insert();
CREATE TRIGGER application_aggregates_delete AFTER DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION application_aggregates_change();
CREATE TRIGGER application_aggregates_update AFTER UPDATE OF user_id, job_id, status, applied_date,
    response_date, interview_date, offer_date, created_at ON applications FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.job_id IS DISTINCT FROM NEW.job_id
          OR OLD.status IS DISTINCT FROM NEW.status OR OLD.applied_date IS DISTINCT FROM NEW.applied_date
          OR OLD.response_date IS DISTINCT FROM NEW.response_date OR OLD.interview_date IS DISTINCT FROM NEW.interview_date
          OR OLD.offer_date IS DISTINCT FROM NEW.offer_date OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION application_aggregates_change();

-- jobs: the jobs created per day
CREATE FUNCTION activity_days_job_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE activity_days SET n = n - 1 WHERE user_id = OLD.user_id AND metric = 'jobs'
          AND day = (OLD.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01';
        DELETE FROM activity_days WHERE user_id = OLD.user_id AND metric = 'jobs'
          AND day = (OLD.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AND n = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO activity_days (user_id, metric, day, n)
        VALUES (NEW.user_id, 'jobs', (NEW.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01', 1)
        ON CONFLICT (user_id, metric, day) DO UPDATE SET n = activity_days.n + 1;
    END IF;
    RETURN NULL;
END $$;
-- inserted jobs counted once per statement, like the applications above
CREATE FUNCTION activity_days_job_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO activity_days (user_id, metric, day, n)
    SELECT user_id, 'jobs', (created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01', COUNT(*)
    FROM new_jobs GROUP BY 1, 3
    ON CONFLICT (user_id, metric, day) DO UPDATE SET n = activity_days.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE TRIGGER activity_days_job_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION activity_days_job_insert();
CREATE TRIGGER activity_days_job_delete AFTER DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION activity_days_job_change();
CREATE TRIGGER activity_days_job_update AFTER UPDATE OF user_id, created_at ON jobs FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION activity_days_job_change();

-- A job's applications counted under its source: taken out before the job goes (its
-- applications' own triggers then find no job), moved when its source or owner changes.
-- When the job goes with its user, the user's rows here go too: nothing is updated (an update
-- of a row this transaction inserted is checked against users at once, and the user is gone).
CREATE FUNCTION application_stages_job_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id) THEN
        RETURN OLD;
    END IF;
    UPDATE application_stages SET n = n - d.n_,
        applied = applied - d.applied_, responses = responses - d.responses_, interviews = interviews - d.interviews_,
        offers = offers - d.offers_, timed = timed - d.timed_, response_days = response_days - d.response_days_
    FROM (SELECT COUNT(*) AS n_,
                   SUM((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                           'technical', 'offer', 'accepted', 'declined'))::int) AS applied_,
                   SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                           'technical', 'offer', 'accepted', 'declined'))
                       AND (a.response_date IS NOT NULL OR a.status IN ('phone_screen', 'interview',
                       'technical', 'offer', 'accepted', 'declined', 'rejected')))::int) AS responses_,
                   SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                           'technical', 'offer', 'accepted', 'declined'))
                       AND (a.interview_date IS NOT NULL OR a.offer_date IS NOT NULL
                       OR a.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int) AS interviews_,
                   SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                           'technical', 'offer', 'accepted', 'declined'))
                       AND (a.offer_date IS NOT NULL OR a.status IN ('offer', 'accepted', 'declined')))::int) AS offers_,
                   SUM(COALESCE(a.response_date >= a.applied_date, false)::int) AS timed_,
                   SUM(CASE WHEN a.response_date >= a.applied_date
                       THEN a.response_date - a.applied_date ELSE 0 END) AS response_days_
          FROM applications a WHERE a.job_id = OLD.id) AS d
    WHERE user_id = OLD.user_id AND source = COALESCE(OLD.source, '') AND d.n_ > 0;
    DELETE FROM application_stages
    WHERE user_id = OLD.user_id AND source = COALESCE(OLD.source, '') AND n = 0;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    INSERT INTO application_stages (user_id, source, n, applied, responses, interviews, offers, timed, response_days)
    SELECT NEW.user_id, COALESCE(NEW.source, ''), COUNT(*),
                   SUM((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                           'technical', 'offer', 'accepted', 'declined'))::int),
                   SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                           'technical', 'offer', 'accepted', 'declined'))
                       AND (a.response_date IS NOT NULL OR a.status IN ('phone_screen', 'interview',
                       'technical', 'offer', 'accepted', 'declined', 'rejected')))::int),
                   SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                           'technical', 'offer', 'accepted', 'declined'))
                       AND (a.interview_date IS NOT NULL OR a.offer_date IS NOT NULL
                       OR a.status IN ('interview', 'technical', 'offer', 'accepted', 'declined')))::int),
                   SUM(((a.applied_date IS NOT NULL OR a.status IN ('applied', 'phone_screen', 'interview',
                           'technical', 'offer', 'accepted', 'declined'))
                       AND (a.offer_date IS NOT NULL OR a.status IN ('offer', 'accepted', 'declined')))::int),
                   SUM(COALESCE(a.response_date >= a.applied_date, false)::int),
                   SUM(CASE WHEN a.response_date >= a.applied_date
                       THEN a.response_date - a.applied_date ELSE 0 END)
    FROM applications a WHERE a.job_id = NEW.id GROUP BY a.job_id
    ON CONFLICT (user_id, source) DO UPDATE SET n = application_stages.n + EXCLUDED.n,
        applied = application_stages.applied + EXCLUDED.applied,
        responses = application_stages.responses + EXCLUDED.responses,
        interviews = application_stages.interviews + EXCLUDED.interviews,
        offers = application_stages.offers + EXCLUDED.offers,
        timed = application_stages.timed + EXCLUDED.timed,
        response_days = application_stages.response_days + EXCLUDED.response_days;
    RETURN NULL;
END $$;
CREATE TRIGGER application_stages_job_delete BEFORE DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION application_stages_job_change();
CREATE TRIGGER application_stages_job_update AFTER UPDATE OF user_id, source ON jobs FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.source IS DISTINCT FROM NEW.source)
    EXECUTE FUNCTION application_stages_job_change();
