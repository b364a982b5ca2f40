-- Migration 0088 changes nothing on PostgreSQL (see the up script of SQLite's: the owner change's
-- statements of user_data_versions_jobs_update in a trigger of their own).
SELECT 1;
