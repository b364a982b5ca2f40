-- Migration 0050 (issue 9): the near-duplicate candidates of POST /jobs in id order.
-- src/model/job.c (near_duplicates) reads the newest 500 of the user's jobs whose company starts
-- with the same three letters. The index of 0008 found them in no useful order: every match was
-- read from the table and sorted for the newest 500, a cost that grows with the user's jobs of
-- that company. With id in the index the scan walks one prefix's entries backwards and stops
-- after 500 rows. (SQLite's index also holds company, title and location; here an INCLUDE of
-- three columns of up to 255 characters could pass the 2,704-byte limit of a btree entry, and
-- the newest rows, those the query wants, are seldom all-visible yet for an index-only scan.)
-- It replaces the index of 0008.
CREATE INDEX jobs_near_duplicate_idx ON jobs (user_id, lower(substr(company, 1, 3)), id);
DROP INDEX jobs_user_company_prefix_idx;
