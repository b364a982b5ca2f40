-- Migration 0063 undone: jobs_search_query as 0062 wrote it (no setting of its own: the session's
-- plan_cache_mode; CREATE OR REPLACE drops the function's settings).
CREATE OR REPLACE FUNCTION jobs_search_query(q text) RETURNS tsquery LANGUAGE plpgsql STABLE PARALLEL SAFE AS $f$
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
