-- Migration 0036 (issue 9): GET /analytics/salaries reads one row per currency instead of every
-- job with a salary. salary_counts holds, per user and currency ('' when the job has none),
-- the jobs with a salary (salary_min or salary_max set), how many of them were applied to
-- (date_applied set), the count and sum of each bound (the averages stay exact), and the
-- lowest salary_min and highest salary_max. Triggers keep it in the writing transaction like
-- the counters of migration 0030; a row that reaches zero jobs is removed. A job coming in
-- lowers or raises the extremes; one going out cannot be taken back by a subtraction, so its
-- group reads them again from the jobs of that user and currency: MIN(salary_min) from the
-- index of migration 0031, MAX(salary_max) from the one created here, one index step each.
CREATE INDEX jobs_user_currency_salary_max_idx ON jobs (user_id, currency, salary_max);

CREATE TABLE salary_counts (
    user_id INTEGER NOT NULL
        CONSTRAINT salary_counts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    currency TEXT NOT NULL,
    jobs INTEGER NOT NULL,
    applied_jobs INTEGER NOT NULL,
    min_count INTEGER NOT NULL,
    min_sum INTEGER NOT NULL,
    max_count INTEGER NOT NULL,
    max_sum INTEGER NOT NULL,
    lowest_min INTEGER,
    highest_max INTEGER,
    CONSTRAINT salary_counts_counts_check
        CHECK (0 <= applied_jobs AND applied_jobs <= jobs AND 0 <= min_count
               AND min_count <= jobs AND 0 <= max_count AND max_count <= jobs AND min_sum >= 0
               AND max_sum >= 0),
    PRIMARY KEY (user_id, currency)
) WITHOUT ROWID;

INSERT INTO salary_counts (user_id, currency, jobs, applied_jobs, min_count, min_sum, max_count,
                           max_sum, lowest_min, highest_max)
SELECT user_id, COALESCE(currency, ''), COUNT(*), SUM(date_applied IS NOT NULL),
       COUNT(salary_min), IFNULL(SUM(salary_min), 0), COUNT(salary_max),
       IFNULL(SUM(salary_max), 0), MIN(salary_min), MAX(salary_max)
FROM jobs WHERE salary_min IS NOT NULL OR salary_max IS NOT NULL GROUP BY 1, 2;

CREATE TRIGGER salary_counts_after_insert AFTER INSERT ON jobs
    WHEN NEW.salary_min IS NOT NULL OR NEW.salary_max IS NOT NULL
BEGIN
    INSERT INTO salary_counts (user_id, currency, jobs, applied_jobs, min_count, min_sum,
                               max_count, max_sum, lowest_min, highest_max)
    VALUES (NEW.user_id, COALESCE(NEW.currency, ''), 1, NEW.date_applied IS NOT NULL,
            NEW.salary_min IS NOT NULL, IFNULL(NEW.salary_min, 0), NEW.salary_max IS NOT NULL,
            IFNULL(NEW.salary_max, 0), NEW.salary_min, NEW.salary_max)
    ON CONFLICT (user_id, currency) DO UPDATE SET jobs = jobs + 1,
        applied_jobs = applied_jobs + excluded.applied_jobs,
        min_count = min_count + excluded.min_count, min_sum = min_sum + excluded.min_sum,
        max_count = max_count + excluded.max_count, max_sum = max_sum + excluded.max_sum,
        lowest_min = CASE WHEN excluded.lowest_min < lowest_min OR lowest_min IS NULL
                          THEN excluded.lowest_min ELSE lowest_min END,
        highest_max = CASE WHEN excluded.highest_max > highest_max OR highest_max IS NULL
                           THEN excluded.highest_max ELSE highest_max END;
END;

CREATE TRIGGER salary_counts_after_delete AFTER DELETE ON jobs
    WHEN OLD.salary_min IS NOT NULL OR OLD.salary_max IS NOT NULL
BEGIN
    UPDATE salary_counts SET jobs = jobs - 1,
        applied_jobs = applied_jobs - (OLD.date_applied IS NOT NULL),
        min_count = min_count - (OLD.salary_min IS NOT NULL),
        min_sum = min_sum - IFNULL(OLD.salary_min, 0),
        max_count = max_count - (OLD.salary_max IS NOT NULL),
        max_sum = max_sum - IFNULL(OLD.salary_max, 0),
        lowest_min = (SELECT MIN(salary_min) FROM jobs
                      WHERE user_id = OLD.user_id AND currency IS OLD.currency),
        highest_max = (SELECT MAX(salary_max) FROM jobs
                       WHERE user_id = OLD.user_id AND currency IS OLD.currency)
    WHERE user_id = OLD.user_id AND currency = COALESCE(OLD.currency, '');
    DELETE FROM salary_counts
    WHERE user_id = OLD.user_id AND currency = COALESCE(OLD.currency, '') AND jobs = 0;
END;

-- an update takes the old row out and puts the new one in (each only when it has a salary)
CREATE TRIGGER salary_counts_after_update AFTER UPDATE OF user_id, currency, salary_min,
    salary_max, date_applied ON jobs
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.currency IS NOT NEW.currency
      OR OLD.salary_min IS NOT NEW.salary_min OR OLD.salary_max IS NOT NEW.salary_max
      OR (OLD.date_applied IS NULL) IS NOT (NEW.date_applied IS NULL)
BEGIN
    UPDATE salary_counts SET jobs = jobs - 1,
        applied_jobs = applied_jobs - (OLD.date_applied IS NOT NULL),
        min_count = min_count - (OLD.salary_min IS NOT NULL),
        min_sum = min_sum - IFNULL(OLD.salary_min, 0),
        max_count = max_count - (OLD.salary_max IS NOT NULL),
        max_sum = max_sum - IFNULL(OLD.salary_max, 0),
        lowest_min = (SELECT MIN(salary_min) FROM jobs
                      WHERE user_id = OLD.user_id AND currency IS OLD.currency),
        highest_max = (SELECT MAX(salary_max) FROM jobs
                       WHERE user_id = OLD.user_id AND currency IS OLD.currency)
    WHERE user_id = OLD.user_id AND currency = COALESCE(OLD.currency, '')
      AND (OLD.salary_min IS NOT NULL OR OLD.salary_max IS NOT NULL);
    DELETE FROM salary_counts
    WHERE user_id = OLD.user_id AND currency = COALESCE(OLD.currency, '') AND jobs = 0;
    INSERT INTO salary_counts (user_id, currency, jobs, applied_jobs, min_count, min_sum,
                               max_count, max_sum, lowest_min, highest_max)
    SELECT NEW.user_id, COALESCE(NEW.currency, ''), 1, NEW.date_applied IS NOT NULL,
           NEW.salary_min IS NOT NULL, IFNULL(NEW.salary_min, 0), NEW.salary_max IS NOT NULL,
           IFNULL(NEW.salary_max, 0), NEW.salary_min, NEW.salary_max
    WHERE NEW.salary_min IS NOT NULL OR NEW.salary_max IS NOT NULL
    ON CONFLICT (user_id, currency) DO UPDATE SET jobs = jobs + 1,
        applied_jobs = applied_jobs + excluded.applied_jobs,
        min_count = min_count + excluded.min_count, min_sum = min_sum + excluded.min_sum,
        max_count = max_count + excluded.max_count, max_sum = max_sum + excluded.max_sum,
        lowest_min = CASE WHEN excluded.lowest_min < lowest_min OR lowest_min IS NULL
                          THEN excluded.lowest_min ELSE lowest_min END,
        highest_max = CASE WHEN excluded.highest_max > highest_max OR highest_max IS NULL
                           THEN excluded.highest_max ELSE highest_max END;
END;
