-- Migration 0091 changes PostgreSQL only (its search vectors and queries folded as FTS5's
-- unicode61 tokenizer with remove_diacritics 2 reads SQLite's, see its up script). SQLite's
-- full-text indexes are the reference and stay as they are. The version is kept on both engines
-- so that their schema versions stay the same.
SELECT 1;
