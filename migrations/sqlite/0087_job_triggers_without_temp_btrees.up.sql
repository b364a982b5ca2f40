-- Migration 0087: the triggers of job_value_counts (migration 0078) that a job's update and
-- delete run, and jobs_application_copies (0060), written so that SQLite 3.40 builds no
-- temporary B-tree (OP_OpenEphemeral) when they run, under the write lock (docs/performance.md,
-- "Job writes' temporary B-trees (thirty-third round)"):
-- - the delete trigger took the job off its five rows with `(kind, value) IN (VALUES ...)` and
--   the update trigger with `(kind, value) IN (SELECT ... UNION ALL ...)`: SQLite builds a keyed
--   B-tree of the pairs at every run. Then `DELETE ... WHERE user_id = OLD.user_id AND n = 0`
--   scanned the user's rows for zeros into another, and having read job_value_counts so, the
--   update trigger's INSERT ... SELECT wrote through a temporary table. Now each kind is two
--   statements on the whole primary key (`user_id = OLD.user_id AND kind = 'status' AND value =
--   OLD.status`): the row deleted when its n is 1, else n taken down by one; in the update
--   trigger only for the kinds whose value changed, or all of them when the owner changed (the
--   same conditions as the old SELECTs). A single-row lookup, no key set, no second cursor, so
--   the INSERT ... SELECT (unchanged) writes directly. The same rows end the same: a row of the
--   job's that reached 0 is removed, others lose 1 (rows at 0 exist nowhere else: the triggers
--   remove each as it reaches 0, so the old DELETE of all the user's zeros removed those).
--   NULL is '' as before (COALESCE); status is NOT NULL.
-- - jobs_application_copies updated applications at every title or company change, and its
--   UPDATE (applications has triggers) opens a temporary table before it looks for rows, also for
--   a job without applications; its WHEN now also asks that the job has one (the index
--   applications_job_id_idx), as application_stages_job_after_update (0035) does.
-- The triggers keep their names, events and WHEN conditions (jobs_application_copies': the old
-- one AND the EXISTS). DROP and CREATE give them new places at the end of sqlite_master, which
-- changes the order SQLite runs jobs' triggers in; job_value_counts is written by these and
-- read by no trigger, and the copies' UPDATE of applications runs the same triggers of theirs.
-- PostgreSQL builds no table for these: its 0087 changes nothing.
DROP TRIGGER job_value_counts_after_delete;
DROP TRIGGER job_value_counts_after_update;
DROP TRIGGER jobs_application_copies;
CREATE TRIGGER job_value_counts_after_delete AFTER DELETE ON jobs BEGIN
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = '' AND value = '' AND n = 1;
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = '' AND value = '';
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = 'status' AND value = OLD.status AND n = 1;
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = 'status' AND value = OLD.status;
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = 'source' AND value = COALESCE(OLD.source, '') AND n = 1;
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = 'source' AND value = COALESCE(OLD.source, '');
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = 'job_type' AND value = COALESCE(OLD.job_type, '') AND n = 1;
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = 'job_type' AND value = COALESCE(OLD.job_type, '');
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = 'remote_option' AND value = COALESCE(OLD.remote_option, '') AND n = 1;
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = 'remote_option' AND value = COALESCE(OLD.remote_option, '');
END;
CREATE TRIGGER job_value_counts_after_update AFTER UPDATE OF user_id, status, source, job_type,
    remote_option ON jobs
    WHEN OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status
      OR OLD.source IS NOT NEW.source OR OLD.job_type IS NOT NEW.job_type
      OR OLD.remote_option IS NOT NEW.remote_option
BEGIN
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = '' AND value = '' AND n = 1
      AND OLD.user_id IS NOT NEW.user_id;
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = '' AND value = ''
      AND OLD.user_id IS NOT NEW.user_id;
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = 'status' AND value = OLD.status AND n = 1
      AND (OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status);
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = 'status' AND value = OLD.status
      AND (OLD.user_id IS NOT NEW.user_id OR OLD.status IS NOT NEW.status);
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = 'source' AND value = COALESCE(OLD.source, '') AND n = 1
      AND (OLD.user_id IS NOT NEW.user_id OR OLD.source IS NOT NEW.source);
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = 'source' AND value = COALESCE(OLD.source, '')
      AND (OLD.user_id IS NOT NEW.user_id OR OLD.source IS NOT NEW.source);
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = 'job_type' AND value = COALESCE(OLD.job_type, '') AND n = 1
      AND (OLD.user_id IS NOT NEW.user_id OR OLD.job_type IS NOT NEW.job_type);
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = 'job_type' AND value = COALESCE(OLD.job_type, '')
      AND (OLD.user_id IS NOT NEW.user_id OR OLD.job_type IS NOT NEW.job_type);
    DELETE FROM job_value_counts
    WHERE user_id = OLD.user_id AND kind = 'remote_option' AND value = COALESCE(OLD.remote_option, '') AND n = 1
      AND (OLD.user_id IS NOT NEW.user_id OR OLD.remote_option IS NOT NEW.remote_option);
    UPDATE job_value_counts SET n = n - 1
    WHERE user_id = OLD.user_id AND kind = 'remote_option' AND value = COALESCE(OLD.remote_option, '')
      AND (OLD.user_id IS NOT NEW.user_id OR OLD.remote_option IS NOT NEW.remote_option);
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
CREATE TRIGGER jobs_application_copies AFTER UPDATE OF title, company ON jobs
    WHEN (OLD.title IS NOT NEW.title OR OLD.company IS NOT NEW.company)
      AND EXISTS (SELECT 1 FROM applications WHERE job_id = NEW.id)
BEGIN
    UPDATE applications SET job_title = NEW.title, job_company = NEW.company
    WHERE job_id = NEW.id;
END;
