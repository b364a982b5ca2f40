-- Migration 0088 changes SQLite only (user_data_versions_jobs_update's two statements for an
-- owner change moved to a trigger run only then, see its up script: SQLite opened a temporary
-- table for each at every update of a job, PostgreSQL does not). The version is kept on both
-- engines so that their schema versions stay the same.
SELECT 1;
