-- Migration 0079 (issue 9, docs/performance.md "PostgreSQL's filtered lists (fourteenth
-- round)"): the first page of GET /jobs?job_type=... and ?remote_option=... (newest first, the
-- default order) read as 20 entries of an index in that order, as 0037's indexes do for status,
-- source and company. Without them the page walked (user_id, created_at, id) and read each row
-- to check the column (242 rows for 20 of `job_type=contract` at 100,000 jobs) and was planned
-- for its values on every request (0.8-0.9 ms); with them the list spec names the pairs
-- (exact_pairs in src/model/job.c) and the page is planned once per connection
-- (exact_first_page in src/model/table.c). PostgreSQL only: SQLite's plans of these lists meet
-- their targets with the indexes it has.
CREATE INDEX jobs_user_job_type_created_idx ON jobs (user_id, job_type, created_at, id);
CREATE INDEX jobs_user_remote_created_idx ON jobs (user_id, remote_option, created_at, id);
