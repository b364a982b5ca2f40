-- Migration 0084 changes SQLite only (its CHECK constraints with lists of values written as
-- comparisons joined by OR, see its up script: SQLite builds a temporary B-tree for each IN
-- list at every check, PostgreSQL does not). The version is kept on both engines so that their
-- schema versions stay the same.
SELECT 1;
