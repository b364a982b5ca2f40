-- Migration 0078 (issue 9, docs/performance.md "PostgreSQL's filtered lists (fourteenth
-- round)"): the total of a job list filtered on one counted column, and the owner's number of
-- jobs, read as one or two rows. job_counts (0030) has a row per combination of status, source,
-- job_type and remote_option the user has (1,133 for 100,000 jobs), and every filtered list
-- summed them all. job_value_counts has one row per value of each of those columns the user has
-- ('' for NULL) and one with kind '' (value '') for all of the user's jobs: about 30 rows a
-- user. Kept by the triggers below in the writing transaction; rows that reach zero are
-- removed, so it equals a GROUP BY recount of jobs (tests/store/store_contract.c checks it
-- after random writes, raw SQL included).
CREATE TABLE job_value_counts (
    user_id INTEGER NOT NULL
        CONSTRAINT job_value_counts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CONSTRAINT job_value_counts_kind_check
        CHECK (kind IN ('', 'status', 'source', 'job_type', 'remote_option')),
    value TEXT NOT NULL,
    n INTEGER NOT NULL CONSTRAINT job_value_counts_n_check CHECK (n >= 0),
    PRIMARY KEY (user_id, kind, value)
) WITHOUT ROWID;
INSERT INTO job_value_counts (user_id, kind, value, n)
SELECT user_id, '', '', COUNT(*) FROM jobs GROUP BY 1
UNION ALL SELECT user_id, 'status', status, COUNT(*) FROM jobs GROUP BY 1, 3
UNION ALL SELECT user_id, 'source', COALESCE(source, ''), COUNT(*) FROM jobs GROUP BY 1, 3
UNION ALL SELECT user_id, 'job_type', COALESCE(job_type, ''), COUNT(*) FROM jobs GROUP BY 1, 3
UNION ALL SELECT user_id, 'remote_option', COALESCE(remote_option, ''), COUNT(*) FROM jobs
    GROUP BY 1, 3;

CREATE TRIGGER job_value_counts_after_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO job_value_counts (user_id, kind, value, n)
    VALUES (NEW.user_id, '', '', 1), (NEW.user_id, 'status', NEW.status, 1),
           (NEW.user_id, 'source', COALESCE(NEW.source, ''), 1),
           (NEW.user_id, 'job_type', COALESCE(NEW.job_type, ''), 1),
           (NEW.user_id, 'remote_option', COALESCE(NEW.remote_option, ''), 1)
    ON CONFLICT (user_id, kind, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER job_value_counts_after_delete AFTER DELETE ON jobs BEGIN
    UPDATE job_value_counts SET n = n - 1 WHERE user_id = OLD.user_id AND (kind, value) IN (
        VALUES ('', ''), ('status', OLD.status), ('source', COALESCE(OLD.source, '')),
               ('job_type', COALESCE(OLD.job_type, '')),
               ('remote_option', COALESCE(OLD.remote_option, '')));
    DELETE FROM job_value_counts WHERE user_id = OLD.user_id AND n = 0;
END;
-- an update takes down and up only the kinds whose value changed (all when the owner changed)
CREATE TRIGGER job_value_counts_after_update AFTER UPDATE OF user_id, status, source, job_type,
    remote_option ON jobs
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
      OR OLD.source IS NOT NEW.source OR OLD.job_type IS NOT NEW.job_type
      OR OLD.remote_option IS NOT NEW.remote_option
BEGIN
    UPDATE job_value_counts SET n = n - 1 WHERE user_id = OLD.user_id AND (kind, value) IN (
        SELECT '', '' WHERE OLD.user_id IS NOT NEW.user_id
        UNION ALL SELECT 'status', OLD.status
            WHERE OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
        UNION ALL SELECT 'source', COALESCE(OLD.source, '')
            WHERE OLD.user_id IS NOT NEW.user_id OR OLD.source IS NOT NEW.source
        UNION ALL SELECT 'job_type', COALESCE(OLD.job_type, '')
            WHERE OLD.user_id IS NOT NEW.user_id OR OLD.job_type IS NOT NEW.job_type
        UNION ALL SELECT 'remote_option', COALESCE(OLD.remote_option, '')
            WHERE OLD.user_id IS NOT NEW.user_id OR OLD.remote_option IS NOT NEW.remote_option);
    DELETE FROM job_value_counts WHERE user_id = OLD.user_id AND n = 0;
    INSERT INTO job_value_counts (user_id, kind, value, n)
    SELECT NEW.user_id, '', '', 1 WHERE OLD.user_id IS NOT NEW.user_id
    UNION ALL SELECT NEW.user_id, 'status', NEW.status, 1
        WHERE OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
    UNION ALL SELECT NEW.user_id, 'source', COALESCE(NEW.source, ''), 1
        WHERE OLD.user_id IS NOT NEW.user_id OR OLD.source IS NOT NEW.source
    UNION ALL SELECT NEW.user_id, 'job_type', COALESCE(NEW.job_type, ''), 1
        WHERE OLD.user_id IS NOT NEW.user_id OR OLD.job_type IS NOT NEW.job_type
    UNION ALL SELECT NEW.user_id, 'remote_option', COALESCE(NEW.remote_option, ''), 1
        WHERE OLD.user_id IS NOT NEW.user_id OR OLD.remote_option IS NOT NEW.remote_option
    ON CONFLICT (user_id, kind, value) DO UPDATE SET n = n + 1;
END;
