-- Migration 0055 changes PostgreSQL only (jobs_search, its side table of search vectors, keeps
-- the jobs' created_at: see its up script). SQLite's search needs no such copy: its matches come
-- from jobs_fts as a set of ids (0038) and SQLite's list meets its targets. The version is kept on
-- both engines so that their schema versions stay the same.
SELECT 1;
