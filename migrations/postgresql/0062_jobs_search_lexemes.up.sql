-- Migration 0062 (issue 9, docs/performance.md "PostgreSQL prefix search (ninth round)"): the
-- words the jobs' search vectors hold, so that a search's prefix terms ("go:*") can be asked of
-- the GIN index as the few whole words they stand for ('go').
--
-- A prefix term is a partial match in the GIN index: the posting lists of every word it covers
-- are read in full into a bitmap before the query's other words are checked. A whole word is
-- read with the index's fast scan, which skips to the items the other words require. For the
-- heavy user's `payments go` (617 of 100,000 jobs) the page's statement took 0.93 ms with
-- 'payments':* & 'go':* and 0.55 ms with 'payments' & 'go', the same matches.
--
-- jobs_search_lexemes holds every word of every vector of jobs_search, and possibly more: a word
-- is added when a vector holding it is written and never taken out (a job deleted or edited
-- leaves its words), so the table is a superset, which is all a prefix's expansion needs (a
-- word no vector holds matches nothing). One table for all owners: a word seen first by two
-- transactions at once may be added twice (no unique constraint, so that no writer ever waits
-- for another's; one per owner under the owner's lock would be as exact for 10-100 times the
-- rows). Only searches read it, through jobs_search_query below; no search returns its rows.
CREATE TABLE jobs_search_lexemes (
    lexeme text COLLATE "C" NOT NULL
);
CREATE INDEX jobs_search_lexemes_idx ON jobs_search_lexemes (lexeme);
INSERT INTO jobs_search_lexemes (lexeme)
SELECT DISTINCT unnest(tsvector_to_array(search_vector)) FROM jobs_search;

-- The words of the vectors written, those not in the table yet.
-- One statement for both tables (an import inserts a job per statement: a second statement in the
-- trigger was a second executor start per job).
CREATE OR REPLACE FUNCTION jobs_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH rows AS (
        INSERT INTO jobs_search (job_id, user_id, search_vector, created_at)
        SELECT id, user_id, search_vector, created_at FROM new_jobs)
    INSERT INTO jobs_search_lexemes (lexeme)
    SELECT DISTINCT w FROM new_jobs, unnest(tsvector_to_array(search_vector)) AS w
    WHERE NOT EXISTS (SELECT 1 FROM jobs_search_lexemes l WHERE l.lexeme = w);
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION jobs_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE jobs_search SET user_id = NEW.user_id, search_vector = NEW.search_vector,
        created_at = NEW.created_at
    WHERE job_id = NEW.id;
    IF OLD.search_vector IS DISTINCT FROM NEW.search_vector THEN
        INSERT INTO jobs_search_lexemes (lexeme)
        SELECT w FROM unnest(tsvector_to_array(NEW.search_vector)) AS w
        WHERE NOT EXISTS (SELECT 1 FROM jobs_search_lexemes l WHERE l.lexeme = w);
    END IF;
    RETURN NULL;
END $$;
-- A row of jobs_search written other than by the triggers above (raw SQL) adds its words too.
CREATE OR REPLACE FUNCTION jobs_search_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM jobs WHERE id = NEW.job_id AND user_id = NEW.user_id
                   AND created_at = NEW.created_at) THEN
        RAISE EXCEPTION 'jobs_search row for job % of user %: no such job of that user and creation time',
            NEW.job_id, NEW.user_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'jobs_search_job_fkey';
    END IF;
    INSERT INTO jobs_search_lexemes (lexeme)
    SELECT w FROM unnest(tsvector_to_array(NEW.search_vector)) AS w
    WHERE NOT EXISTS (SELECT 1 FROM jobs_search_lexemes l WHERE l.lexeme = w);
    RETURN NEW;
END $$;

-- The tsquery of a search's argument (pg_fulltext_arg: "word:* & word:*", each word lower-case),
-- as to_tsquery('simple', q) reads it, with each prefix term that covers 1 to 3 words of
-- jobs_search_lexemes written as those words ('go' | 'golang'): the same matches, since every
-- word of a vector is in the table. Only words of a letter then letters and digits, at most 64
-- bytes, are expanded: to_tsquery reads each of those as that one word (a word such as 12e5x
-- reads as a number and a word). Anything else, and a prefix covering no word or more than 3
-- (whose words' posting lists cost more checked one by one than merged: 'payments' & 'se':*,
-- 6 words, 2.06 ms merged against 2.34), keeps its prefix term.
-- PL/pgSQL rather than SQL: a SQL function of one expression is inlined into every statement that
-- names it, and its sub-selects were then planned with each count and page (the count of a
-- search whose total is kept included), about 0.1 ms; PL/pgSQL keeps its plan for the session.
CREATE FUNCTION jobs_search_query(q text) RETURNS tsquery LANGUAGE plpgsql STABLE PARALLEL SAFE AS $f$
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
