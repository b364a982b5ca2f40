-- Migration 0085 changes SQLite only (the CHECK constraints of 18 more tables with lists of
-- three or more values written as comparisons joined by OR, see its up script: SQLite builds a
-- temporary B-tree for each IN list at every check, PostgreSQL does not). The version is kept
-- on both engines so that their schema versions stay the same.
SELECT 1;
