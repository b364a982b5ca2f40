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

-- One statement for each side of a write: the rows of OLD's values taken down (then those at
-- zero removed), the rows of NEW's values up. An update takes down and up only the kinds whose
-- value changed (all of them when the owner changed).
CREATE FUNCTION job_value_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed text[] := ARRAY['', 'status', 'source', 'job_type', 'remote_option'];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.user_id IS NOT DISTINCT FROM NEW.user_id THEN
            changed := ARRAY[]::text[];
            IF OLD.status IS DISTINCT FROM NEW.status THEN
                changed := changed || 'status'::text;
            END IF;
            IF OLD.source IS DISTINCT FROM NEW.source THEN
                changed := changed || 'source'::text;
            END IF;
            IF OLD.job_type IS DISTINCT FROM NEW.job_type THEN
                changed := changed || 'job_type'::text;
            END IF;
            IF OLD.remote_option IS DISTINCT FROM NEW.remote_option THEN
                changed := changed || 'remote_option'::text;
            END IF;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE job_value_counts c SET n = c.n - 1
        FROM (VALUES ('', ''), ('status', OLD.status), ('source', COALESCE(OLD.source, '')),
                     ('job_type', COALESCE(OLD.job_type, '')),
                     ('remote_option', COALESCE(OLD.remote_option, ''))) AS v (kind, value)
        WHERE c.user_id = OLD.user_id AND c.kind = v.kind AND c.value = v.value
          AND v.kind = ANY (changed);
        DELETE FROM job_value_counts WHERE user_id = OLD.user_id AND n = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO job_value_counts (user_id, kind, value, n)
        SELECT NEW.user_id, v.kind, v.value, 1
        FROM (VALUES ('', ''), ('status', NEW.status), ('source', COALESCE(NEW.source, '')),
                     ('job_type', COALESCE(NEW.job_type, '')),
                     ('remote_option', COALESCE(NEW.remote_option, ''))) AS v (kind, value)
        WHERE v.kind = ANY (changed)
        ON CONFLICT (user_id, kind, value) DO UPDATE SET n = job_value_counts.n + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER job_value_counts_insert_delete AFTER INSERT OR DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION job_value_counts_change();
CREATE TRIGGER job_value_counts_update AFTER UPDATE OF user_id, status, source, job_type,
    remote_option ON jobs FOR EACH ROW
    WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.source IS DISTINCT FROM NEW.source OR OLD.job_type IS DISTINCT FROM NEW.job_type
          OR OLD.remote_option IS DISTINCT FROM NEW.remote_option)
    EXECUTE FUNCTION job_value_counts_change();
