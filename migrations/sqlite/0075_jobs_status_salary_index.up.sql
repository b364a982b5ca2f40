-- Migration 0075 changes PostgreSQL only (an index (user_id, status, salary_max, id) for a
-- status's jobs in salary order, and 0030's (user_id, lower(company)) dropped: see its up
-- script). SQLite's list of a status in salary order meets its target with the indexes it has
-- (its plan is chosen by the list's own hints), so its plans are left as they are. The version
-- is kept on both engines so that their schema versions stay the same.
SELECT 1;
