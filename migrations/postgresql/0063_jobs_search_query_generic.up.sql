-- Migration 0063 (issue 9, docs/performance.md "PostgreSQL prefix search (ninth round)"):
-- jobs_search_query (0062) plans its statement once for any argument. The server sets
-- plan_cache_mode = force_custom_plan on its sessions (every list is planned for its values),
-- and a PL/pgSQL function's statements follow the session's setting: the statement was planned
-- again on every call, 51 of its 52 us (16 us with one generic plan: the expansion of each word
-- is an index range on jobs_search_lexemes ordered by lexeme with LIMIT 4, the right plan for
-- any values). The same function, with its own setting.
CREATE OR REPLACE FUNCTION jobs_search_query(q text) RETURNS tsquery LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET plan_cache_mode = force_generic_plan AS $f$
BEGIN
RETURN CASE WHEN q ~ '^[a-z][0-9a-z]{0,63}:\*( & [a-z][0-9a-z]{0,63}:\*)*$' THEN (
    SELECT string_agg(CASE WHEN e.n BETWEEN 1 AND 3 THEN '(' || e.words || ')'
                           ELSE '''' || u.w || ''':*' END, ' & ' ORDER BY u.i)::tsquery
    FROM unnest(string_to_array(replace(q, ':*', ''), ' & ')) WITH ORDINALITY AS u(w, i)
    CROSS JOIN LATERAL (
        SELECT count(*) AS n,
               string_agg('''' || replace(replace(x.lexeme, '\', '\\'), '''', '''''') || '''',
                          ' | ') AS words
        FROM (SELECT DISTINCT l.lexeme FROM jobs_search_lexemes l
              WHERE l.lexeme >= u.w AND l.lexeme < left(u.w, -1) || chr(ascii(right(u.w, 1)) + 1)
              ORDER BY l.lexeme LIMIT 4) AS x) AS e)
ELSE to_tsquery('simple', q) END;
END
$f$;
