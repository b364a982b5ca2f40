-- Migration 0031 (issue 9): GET /analytics/salaries reads one user's salary columns from this
-- index alone (the currencies, ranges and applied counts) instead of every job row with its
-- description: about 4x less work at 100,000 jobs (docs/performance.md).
CREATE INDEX jobs_user_salaries_idx ON jobs (user_id, currency, salary_min, salary_max, date_applied);
