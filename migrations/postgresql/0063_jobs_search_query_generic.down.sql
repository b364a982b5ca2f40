-- Migration 0063 undone: jobs_search_query as 0062 wrote it (no setting of its own: the
-- session's plan_cache_mode).
ALTER FUNCTION jobs_search_query(text) RESET plan_cache_mode;
