-- Migration 0086 changes SQLite only (the triggers of application_date_counts without IN lists
-- of constants, one DELETE and one UPDATE a day, see its up script: SQLite builds temporary
-- B-trees for those at every run, PostgreSQL does not). The version is kept on both engines so
-- that their schema versions stay the same.
SELECT 1;
