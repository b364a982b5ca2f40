-- Migration 0086 changes nothing on PostgreSQL (see the up script of SQLite's: the triggers of
-- application_date_counts without IN lists of constants, for which SQLite builds a temporary
-- B-tree at every run, and their DELETE and UPDATE over two days split in two).
SELECT 1;
