-- Migration 0030 (issue 9): lists that cost the same at 100,000 jobs as at 10,000.
-- 1. An index (user_id, column) for every sortable column of the job and application lists:
--    a page reads its rows in order from the index (the rowid breaks ties) instead of sorting
--    all of the user's rows. Nullable columns are read in two parts (not NULL, then NULL), so
--    the same index serves NULLs last in both directions (src/model/table.c).
-- 2. Per-user counters kept by triggers in the writing transaction: the list totals, the
--    board, the pipeline and the summary read a few counter rows instead of counting every
--    row. job_counts has one row per (status, source, job_type, remote_option) the user has
--    ('' stands for NULL); application_counts one per status. Rows that reach zero are removed, so
--    each table equals a GROUP BY recount of the rows (tests/store/store_contract.c checks it
--    after random writes).
-- The global single-column indexes on company and title served no query (every list is one
-- user's), and (user_id) alone is the prefix of the new ones.
DROP INDEX jobs_company_idx;
DROP INDEX jobs_title_idx;
DROP INDEX jobs_user_id_idx;
CREATE INDEX jobs_user_updated_at_idx ON jobs (user_id, updated_at);
CREATE INDEX jobs_user_company_idx ON jobs (user_id, company);
CREATE INDEX jobs_user_title_idx ON jobs (user_id, title);
CREATE INDEX jobs_user_salary_max_idx ON jobs (user_id, salary_max);
CREATE INDEX jobs_user_date_applied_idx ON jobs (user_id, date_applied);
CREATE INDEX jobs_user_status_idx ON jobs (user_id, status);
-- company keeps the index covering for the case-insensitive company filter and its count
CREATE INDEX jobs_user_company_lower_idx ON jobs (user_id, lower(company), company);

CREATE INDEX applications_user_created_at_idx ON applications (user_id, created_at);
CREATE INDEX applications_user_updated_at_idx ON applications (user_id, updated_at);
CREATE INDEX applications_user_applied_idx ON applications (user_id, applied_date);
CREATE INDEX applications_user_response_idx ON applications (user_id, response_date);
CREATE INDEX applications_user_status_idx ON applications (user_id, status);

CREATE TABLE job_counts (
    user_id INTEGER NOT NULL
        CONSTRAINT job_counts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    job_type TEXT NOT NULL,
    remote_option TEXT NOT NULL,
    n INTEGER NOT NULL CONSTRAINT job_counts_n_check CHECK (n >= 0),
    PRIMARY KEY (user_id, status, source, job_type, remote_option)
) WITHOUT ROWID;
INSERT INTO job_counts (user_id, status, source, job_type, remote_option, n)
SELECT user_id, status, COALESCE(source, ''), COALESCE(job_type, ''), COALESCE(remote_option, ''),
       COUNT(*)
FROM jobs GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER job_counts_after_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO job_counts (user_id, status, source, job_type, remote_option, n)
    VALUES (NEW.user_id, NEW.status, COALESCE(NEW.source, ''), COALESCE(NEW.job_type, ''),
            COALESCE(NEW.remote_option, ''), 1)
    ON CONFLICT (user_id, status, source, job_type, remote_option) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER job_counts_after_delete AFTER DELETE ON jobs BEGIN
    UPDATE job_counts SET n = n - 1 WHERE user_id = OLD.user_id AND status = OLD.status
        AND source = COALESCE(OLD.source, '') AND job_type = COALESCE(OLD.job_type, '')
        AND remote_option = COALESCE(OLD.remote_option, '');
    DELETE FROM job_counts WHERE user_id = OLD.user_id AND status = OLD.status
        AND source = COALESCE(OLD.source, '') AND job_type = COALESCE(OLD.job_type, '')
        AND remote_option = COALESCE(OLD.remote_option, '') AND n = 0;
END;
CREATE TRIGGER job_counts_after_update AFTER UPDATE OF user_id, status, source, job_type,
    remote_option ON jobs
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
      OR OLD.source IS NOT NEW.source OR OLD.job_type IS NOT NEW.job_type
      OR OLD.remote_option IS NOT NEW.remote_option
BEGIN
    UPDATE job_counts SET n = n - 1 WHERE user_id = OLD.user_id AND status = OLD.status
        AND source = COALESCE(OLD.source, '') AND job_type = COALESCE(OLD.job_type, '')
        AND remote_option = COALESCE(OLD.remote_option, '');
    DELETE FROM job_counts WHERE user_id = OLD.user_id AND status = OLD.status
        AND source = COALESCE(OLD.source, '') AND job_type = COALESCE(OLD.job_type, '')
        AND remote_option = COALESCE(OLD.remote_option, '') AND n = 0;
    INSERT INTO job_counts (user_id, status, source, job_type, remote_option, n)
    VALUES (NEW.user_id, NEW.status, COALESCE(NEW.source, ''), COALESCE(NEW.job_type, ''),
            COALESCE(NEW.remote_option, ''), 1)
    ON CONFLICT (user_id, status, source, job_type, remote_option) DO UPDATE SET n = n + 1;
END;

CREATE TABLE application_counts (
    user_id INTEGER NOT NULL
        CONSTRAINT application_counts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    n INTEGER NOT NULL CONSTRAINT application_counts_n_check CHECK (n >= 0),
    PRIMARY KEY (user_id, status)
) WITHOUT ROWID;
INSERT INTO application_counts (user_id, status, n)
SELECT user_id, status, COUNT(*) FROM applications GROUP BY 1, 2;

CREATE TRIGGER application_counts_after_insert AFTER INSERT ON applications BEGIN
    INSERT INTO application_counts (user_id, status, n) VALUES (NEW.user_id, NEW.status, 1)
    ON CONFLICT (user_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER application_counts_after_delete AFTER DELETE ON applications BEGIN
    UPDATE application_counts SET n = n - 1 WHERE user_id = OLD.user_id AND status = OLD.status;
    DELETE FROM application_counts WHERE user_id = OLD.user_id AND status = OLD.status AND n = 0;
END;
CREATE TRIGGER application_counts_after_update AFTER UPDATE OF user_id, status ON applications
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE application_counts SET n = n - 1 WHERE user_id = OLD.user_id AND status = OLD.status;
    DELETE FROM application_counts WHERE user_id = OLD.user_id AND status = OLD.status AND n = 0;
    INSERT INTO application_counts (user_id, status, n) VALUES (NEW.user_id, NEW.status, 1)
    ON CONFLICT (user_id, status) DO UPDATE SET n = n + 1;
END;
