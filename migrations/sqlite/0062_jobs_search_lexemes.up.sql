-- Migration 0062 changes PostgreSQL only (the words of the jobs' search vectors, so that a prefix
-- term is asked of the GIN index as the words it stands for: see its up script). SQLite's FTS5
-- reads a prefix from its own sorted terms. The version is kept on both engines so that their
-- schema versions stay the same.
SELECT 1;
