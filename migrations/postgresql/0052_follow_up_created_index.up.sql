-- Migration 0052 changes SQLite only (an index for the days' bound of src/model/table.c's
-- days_bound, see its up script). PostgreSQL sorts the matches of a date range instead (its
-- planner takes no hints; the 100,000-job date ranges cost 0.9x their 10,000-job figure
-- there), so the index would only add a write to every application. The version is kept on
-- both engines so that their schema versions stay the same.
SELECT 1;
