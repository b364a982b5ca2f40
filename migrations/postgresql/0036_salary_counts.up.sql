-- Migration 0036 (issue 9): salary_counts, per user and currency, for GET /analytics/salaries;
-- see the SQLite migration of the same number. A job coming in lowers or raises the extremes
-- (LEAST and GREATEST leave NULLs out); a group a job leaves reads them again from its jobs
-- (MIN(salary_min) and MAX(salary_max), one index step each). In a statement of several rows
-- the triggers run after it: a re-read sees the final rows, so the order does not matter.
CREATE INDEX jobs_user_currency_salary_max_idx ON jobs (user_id, currency, salary_max);

CREATE TABLE salary_counts (
    user_id bigint NOT NULL
        CONSTRAINT salary_counts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    currency text NOT NULL,
    jobs bigint NOT NULL,
    applied_jobs bigint NOT NULL,
    min_count bigint NOT NULL,
    min_sum bigint NOT NULL,
    max_count bigint NOT NULL,
    max_sum bigint NOT NULL,
    lowest_min integer,
    highest_max integer,
    CONSTRAINT salary_counts_counts_check
        CHECK (0 <= applied_jobs AND applied_jobs <= jobs AND 0 <= min_count
               AND min_count <= jobs AND 0 <= max_count AND max_count <= jobs AND min_sum >= 0
               AND max_sum >= 0),
    PRIMARY KEY (user_id, currency)
);

INSERT INTO salary_counts (user_id, currency, jobs, applied_jobs, min_count, min_sum, max_count,
                           max_sum, lowest_min, highest_max)
SELECT user_id, COALESCE(currency, ''), COUNT(*), COUNT(date_applied), COUNT(salary_min),
       COALESCE(SUM(salary_min), 0), COUNT(salary_max), COALESCE(SUM(salary_max), 0),
       MIN(salary_min), MAX(salary_max)
FROM jobs WHERE salary_min IS NOT NULL OR salary_max IS NOT NULL GROUP BY 1, 2;

-- an update takes the old row out and puts the new one in (each only when it has a salary)
CREATE FUNCTION salary_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    lo integer;
    hi integer;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
       AND (OLD.salary_min IS NOT NULL OR OLD.salary_max IS NOT NULL) THEN
        IF OLD.currency IS NULL THEN
            SELECT MIN(salary_min), MAX(salary_max) INTO lo, hi FROM jobs
            WHERE user_id = OLD.user_id AND currency IS NULL;
        ELSE
            SELECT MIN(salary_min), MAX(salary_max) INTO lo, hi FROM jobs
            WHERE user_id = OLD.user_id AND currency = OLD.currency;
        END IF;
        UPDATE salary_counts SET jobs = jobs - 1,
            applied_jobs = applied_jobs - (OLD.date_applied IS NOT NULL)::int,
            min_count = min_count - (OLD.salary_min IS NOT NULL)::int,
            min_sum = min_sum - COALESCE(OLD.salary_min, 0),
            max_count = max_count - (OLD.salary_max IS NOT NULL)::int,
            max_sum = max_sum - COALESCE(OLD.salary_max, 0),
            lowest_min = lo, highest_max = hi
        WHERE user_id = OLD.user_id AND currency = COALESCE(OLD.currency, '');
        DELETE FROM salary_counts
        WHERE user_id = OLD.user_id AND currency = COALESCE(OLD.currency, '') AND jobs = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT')
       AND (NEW.salary_min IS NOT NULL OR NEW.salary_max IS NOT NULL) THEN
        INSERT INTO salary_counts (user_id, currency, jobs, applied_jobs, min_count, min_sum,
                                   max_count, max_sum, lowest_min, highest_max)
        VALUES (NEW.user_id, COALESCE(NEW.currency, ''), 1, (NEW.date_applied IS NOT NULL)::int,
                (NEW.salary_min IS NOT NULL)::int, COALESCE(NEW.salary_min, 0),
                (NEW.salary_max IS NOT NULL)::int, COALESCE(NEW.salary_max, 0), NEW.salary_min,
                NEW.salary_max)
        ON CONFLICT (user_id, currency) DO UPDATE SET jobs = salary_counts.jobs + 1,
            applied_jobs = salary_counts.applied_jobs + EXCLUDED.applied_jobs,
            min_count = salary_counts.min_count + EXCLUDED.min_count,
            min_sum = salary_counts.min_sum + EXCLUDED.min_sum,
            max_count = salary_counts.max_count + EXCLUDED.max_count,
            max_sum = salary_counts.max_sum + EXCLUDED.max_sum,
            lowest_min = LEAST(salary_counts.lowest_min, EXCLUDED.lowest_min),
            highest_max = GREATEST(salary_counts.highest_max, EXCLUDED.highest_max);
    END IF;
    RETURN NULL;
END $$;
-- Rows inserted are counted once per statement, grouped by user and currency (a transition
-- table): a multi-row INSERT (seed: 200 jobs, 100 statements per transaction) then updates a
-- group's row once instead of once per job. Every update of a row in an open transaction leaves
-- a version that cannot be pruned before the commit, and the next update walks them all
-- (seeding 20,000 jobs in one transaction updated each currency's row ~1,800 times).
CREATE FUNCTION salary_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO salary_counts (user_id, currency, jobs, applied_jobs, min_count, min_sum,
                               max_count, max_sum, lowest_min, highest_max)
    SELECT user_id, COALESCE(currency, ''), COUNT(*), COUNT(date_applied), COUNT(salary_min),
           COALESCE(SUM(salary_min), 0), COUNT(salary_max), COALESCE(SUM(salary_max), 0),
           MIN(salary_min), MAX(salary_max)
    FROM new_jobs WHERE salary_min IS NOT NULL OR salary_max IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (user_id, currency) DO UPDATE SET jobs = salary_counts.jobs + EXCLUDED.jobs,
        applied_jobs = salary_counts.applied_jobs + EXCLUDED.applied_jobs,
        min_count = salary_counts.min_count + EXCLUDED.min_count,
        min_sum = salary_counts.min_sum + EXCLUDED.min_sum,
        max_count = salary_counts.max_count + EXCLUDED.max_count,
        max_sum = salary_counts.max_sum + EXCLUDED.max_sum,
        lowest_min = LEAST(salary_counts.lowest_min, EXCLUDED.lowest_min),
        highest_max = GREATEST(salary_counts.highest_max, EXCLUDED.highest_max);
    RETURN NULL;
END $$;
CREATE TRIGGER salary_counts_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION salary_counts_insert();
CREATE TRIGGER salary_counts_delete AFTER DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION salary_counts_change();
CREATE TRIGGER salary_counts_update AFTER UPDATE OF user_id, currency, salary_min, salary_max,
    date_applied ON jobs FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.currency IS DISTINCT FROM NEW.currency
          OR OLD.salary_min IS DISTINCT FROM NEW.salary_min
          OR OLD.salary_max IS DISTINCT FROM NEW.salary_max
          OR (OLD.date_applied IS NULL) <> (NEW.date_applied IS NULL))
    EXECUTE FUNCTION salary_counts_change();
