-- Migration 0075 (issue 9, docs/performance.md "PostgreSQL's salary-order lists (thirteenth
-- round)"): the jobs of one status in salary order (GET /jobs?status=...&sort=-salary_max) read
-- from an index in that order. A nullable sort is read in two parts, the salaries then the NULLs
-- (src/model/table.c, page_ids); with only (user_id, salary_max, id) and (user_id, status, id)
-- the first part walked the salaries filtering the status (324 rows for 20 at 100,000 jobs) and
-- the second the status's ids filtering the NULLs; here each part reads 20 entries of this index
-- and no row (an index-only scan). The planner finds it alone (PostgreSQL takes no hints), so
-- the list spec names no pair for it and SQLite's plans stay as they are.
CREATE INDEX jobs_user_status_salary_idx ON jobs (user_id, status, salary_max, id);
-- (user_id, lower(company)) is the head of 0037's (user_id, lower(company), created_at, id),
-- which serves the same lookups: one index fewer for every job written and for the planner to
-- weigh in every statement on jobs (about 20 us each at 100,000 jobs)
DROP INDEX jobs_user_company_lower_idx;
