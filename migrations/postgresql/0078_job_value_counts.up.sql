-- Migration 0078 (issue 9, docs/performance.md "PostgreSQL's filtered lists (fourteenth
-- round)"): the total of a job list filtered on one counted column, and the owner's number of
-- jobs, read as one or two rows. job_counts (0030) has a row per combination of status, source,
-- job_type and remote_option the user has (1,133 for 100,000 jobs), and every filtered list
-- summed them all (0.3-0.45 ms on PostgreSQL). job_value_counts has one row per value of each of
-- those columns the user has ('' for NULL) and one with kind '' (value '') for all of the
-- user's jobs: about 30 rows a user. Kept by the triggers below in the writing transaction;
-- rows that reach zero are removed, so it equals a GROUP BY recount of jobs
-- (tests/store/store_contract.c checks it after random writes, raw SQL included).
CREATE TABLE job_value_counts (
    user_id bigint NOT NULL
        CONSTRAINT job_value_counts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    kind text NOT NULL CONSTRAINT job_value_counts_kind_check
        CHECK (kind IN ('', 'status', 'source', 'job_type', 'remote_option')),
    value text NOT NULL,
    n bigint NOT NULL CONSTRAINT job_value_counts_n_check CHECK (n >= 0),
    PRIMARY KEY (user_id, kind, value)
);
INSERT INTO job_value_counts (user_id, kind, value, n)
SELECT user_id, '', '', COUNT(*) FROM jobs GROUP BY 1
UNION ALL SELECT user_id, 'status', status, COUNT(*) FROM jobs GROUP BY 1, 3
UNION ALL SELECT user_id, 'source', COALESCE(source, ''), COUNT(*) FROM jobs GROUP BY 1, 3
UNION ALL SELECT user_id, 'job_type', COALESCE(job_type, ''), COUNT(*) FROM jobs GROUP BY 1, 3
UNION ALL SELECT user_id, 'remote_option', COALESCE(remote_option, ''), COUNT(*) FROM jobs
    GROUP BY 1, 3;

-- Kept by statement-level triggers over the statement's transition tables: each statement's
-- rows are summed per value (+1 for a new row, -1 for an old one, so an update's unchanged
-- values cancel) and each counter row is written once per statement. Row-level triggers (as
-- job_counts' of 0030) would update the owner's '' row once per job, and PostgreSQL keeps
-- every version of a row updated in one transaction, each walked again by the next update:
-- seed (20,000 jobs a transaction) and copy-db (one transaction) went quadratic on it
-- (seed --jobs 100000 took over 10 minutes). Transition tables allow no column list, so every
-- UPDATE of jobs runs the update trigger; a change of other columns sums to nothing.
CREATE TYPE job_value_counts_row AS (user_id bigint, status text, source text, job_type text,
                                     remote_option text, d integer);
-- The statement's rows (+1 new, -1 old), then one statement over disjoint counter rows: those
-- reaching zero removed, the others taken down updated, those taken up inserted or added to.
-- (The INSERT stays in the trigger's own function: copy-db and seed tell the tables a trigger
-- fills by it, store_table.derived.)
CREATE FUNCTION job_value_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed job_value_counts_row[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        changed := ARRAY(
            SELECT (user_id, status, source, job_type, remote_option, 1)::job_value_counts_row
            FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        changed := ARRAY(
            SELECT (user_id, status, source, job_type, remote_option, -1)::job_value_counts_row
            FROM old_rows);
    ELSE
        changed := ARRAY(
            SELECT (user_id, status, source, job_type, remote_option, 1)::job_value_counts_row
            FROM new_rows
            UNION ALL
            SELECT (user_id, status, source, job_type, remote_option, -1)::job_value_counts_row
            FROM old_rows);
    END IF;
    WITH delta AS (
        SELECT r.user_id, v.kind, v.value, SUM(r.d) AS n
        FROM unnest(changed) AS r
        CROSS JOIN LATERAL (VALUES ('', ''), ('status', r.status),
                                   ('source', COALESCE(r.source, '')),
                                   ('job_type', COALESCE(r.job_type, '')),
                                   ('remote_option', COALESCE(r.remote_option, ''))) AS v (kind, value)
        GROUP BY 1, 2, 3 HAVING SUM(r.d) <> 0),
    gone AS (
        DELETE FROM job_value_counts c USING delta d
        WHERE c.user_id = d.user_id AND c.kind = d.kind AND c.value = d.value AND d.n < 0
          AND c.n + d.n = 0),
    down AS (
        UPDATE job_value_counts c SET n = c.n + d.n FROM delta d
        WHERE c.user_id = d.user_id AND c.kind = d.kind AND c.value = d.value AND d.n < 0
          AND c.n + d.n <> 0)
    INSERT INTO job_value_counts AS c (user_id, kind, value, n)
    SELECT user_id, kind, value, n FROM delta WHERE n > 0
    ON CONFLICT (user_id, kind, value) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE TRIGGER job_value_counts_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION job_value_counts_change();
CREATE TRIGGER job_value_counts_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION job_value_counts_change();
CREATE TRIGGER job_value_counts_update AFTER UPDATE ON jobs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION job_value_counts_change();
