-- Migration 0053 changes PostgreSQL only (the jobs' search vectors in a narrow table of their
-- own, see its up script). SQLite's full-text index is already a table of its own (jobs_fts,
-- 0038). The version is kept on both engines so that their schema versions stay the same.
SELECT 1;
