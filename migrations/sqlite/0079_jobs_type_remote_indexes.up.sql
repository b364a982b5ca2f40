-- Migration 0079 changes PostgreSQL only (indexes (user_id, job_type, created_at, id) and
-- (user_id, remote_option, created_at, id) for the first page of those filters: see its up
-- script). SQLite's lists of a job type or a remote option meet their targets with the indexes
-- it has (their plans are chosen by the list's own hints), so its plans are left as they are.
-- The version is kept on both engines so that their schema versions stay the same.
SELECT 1;
