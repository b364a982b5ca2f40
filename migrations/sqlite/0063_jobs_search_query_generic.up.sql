-- Migration 0063 changes PostgreSQL only (jobs_search_query of 0062 planned once: see its up
-- script). The version is kept on both engines so that their schema versions stay the same.
SELECT 1;
