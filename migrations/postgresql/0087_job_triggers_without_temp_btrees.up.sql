-- Migration 0087 changes SQLite only (the triggers of job_value_counts without row-value IN
-- lists and without a scan for zeros, one DELETE and one UPDATE a kind on the primary key, and
-- jobs_application_copies asking first that the job has an application, see its up script:
-- SQLite builds temporary B-trees for those at every run, PostgreSQL does not). The version is
-- kept on both engines so that their schema versions stay the same.
SELECT 1;
