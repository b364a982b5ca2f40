-- Migration 0038 (issue 9) changes SQLite's jobs_fts only (the owner in the full-text index, so
-- the search total is counted from the index alone). PostgreSQL has no such change: its GIN
-- index answers with row ids that are checked again in the table, so a count reads the matching
-- rows whatever the index holds (measured with a (user_id, search_vector) btree_gin index and
-- with the owner as a lexeme of search_vector: the same heap pages read; docs/performance.md).
-- The version is kept on both engines so that their schema versions stay the same.
SELECT 1;
