-- Migration 0050 (issue 9): the near-duplicate candidates of POST /jobs from the index alone.
-- src/model/job.c (near_duplicates) reads the newest 500 of the user's jobs whose company starts
-- with the same three letters, and their company, title and location. The index of 0008 found
-- them but each row was then read from the table: 500 seeks into rows spread over the file (a
-- job's description makes its row long) on every POST. This index holds the three columns, after
-- id so that the entries of one prefix stay in id order (ORDER BY id DESC LIMIT 500 walks them
-- backwards and stops): a covering index, a few pages per POST. It replaces the index of 0008.
CREATE INDEX jobs_near_duplicate_idx
    ON jobs (user_id, lower(substr(company, 1, 3)), id, company, title, location);
DROP INDEX jobs_user_company_prefix_idx;
