-- Migration 0063 (issue 9, docs/performance.md "PostgreSQL prefix search (ninth round)"):
-- jobs_search_query (0062) plans its statement once for any argument. The server sets
-- plan_cache_mode = force_custom_plan on its sessions (every list is planned for its values),
-- and a PL/pgSQL function's statements follow the session's setting: the statement was planned
-- again on every call, 51 of its 52 us (16 us with one generic plan: the expansion of each word
-- is an index range on jobs_search_lexemes ordered by lexeme with LIMIT 4, the right plan for
-- any values). The same function, with its own setting.
ALTER FUNCTION jobs_search_query(text) SET plan_cache_mode = force_generic_plan;
