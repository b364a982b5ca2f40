-- Migration 0087 changes nothing on PostgreSQL (see the up script of SQLite's: the triggers of
-- job_value_counts and jobs_application_copies written so that SQLite builds no temporary
-- B-tree when they run).
SELECT 1;
