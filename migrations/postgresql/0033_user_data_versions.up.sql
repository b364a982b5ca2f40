-- Migration 0033 (issue 9): a per-user data version for what is derived from a user's rows.
-- The recommendation score of a job, the skill gap of /analytics/skills and the advice of
-- /resources/recommended and /learning-paths/recommended depend on the user's jobs, their
-- applications (a job with one is no longer a candidate), the résumé chosen for a job (0048),
-- the résumés' skills, the profile columns of users (skills, locations, level, remote), the job
-- preferences and the recommendation feedback. Every write to those rows moves
-- user_data_versions.version of the user in the same transaction (triggers, so cascades and raw
-- SQL writes count too); src/model/score_cache.c keeps derived results in memory and reuses
-- them only while the version it reads is unchanged, so several servers on one database agree.
-- Every user has a row from its creation (and the existing ones from here); the row goes with
-- the user. It starts at a random number (62 bits) and counts up, so a user id SQLite hands out
-- again does not meet the version numbers of the user it had before.
-- A bump skips a user that no longer exists (the cascades of a user's deletion).
-- Columns in the UPDATE OF lists below feed the scores: keep them in step with
-- src/model/recommendation.c (CANDIDATE_COLUMNS, load_learned) and src/model/user.c.
CREATE TABLE user_data_versions (
    user_id bigint PRIMARY KEY
        CONSTRAINT user_data_versions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    version bigint NOT NULL CONSTRAINT user_data_versions_version_check CHECK (version >= 0)
);
INSERT INTO user_data_versions (user_id, version) SELECT id, floor(random() * 4611686018427387904)::bigint FROM users;

-- A version moves at most once per user and transaction: a bulk write (seed: 20,000 jobs per
-- transaction, import: 1,000 rows) would otherwise update the user's one row once per row it
-- writes, and every update of a row in an open transaction leaves a version of it that cannot
-- be pruned before the commit, so finding the live one walks a chain that grows with each
-- write (quadratic: seeding 100,000 jobs took 284 s instead of 29 s). The transaction-local
-- setting copilot.data_version_bumped names the last user whose version this transaction
-- moved (set_config(..., true) lasts until the transaction ends and is undone with a savepoint
-- rolled back, like the bump it stands for); a transaction alternating between users bumps
-- each time, which is correct, only not skipped. Readers outside the transaction see one
-- step per committed transaction, which is all a cached answer compares. A user inserted
-- always gets its row: the same id deleted and given again in one transaction would lose it.
-- The INSERT stays in the trigger functions themselves: copy-db (src/store/catalog.c) finds
-- the tables triggers fill by the text of the functions of insert triggers.
CREATE FUNCTION user_data_versions_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
           AND current_setting('copilot.data_version_bumped', true) IS DISTINCT FROM OLD.user_id::text THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT OLD.user_id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.user_id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', OLD.user_id::text, true);
        END IF;
    END IF;
    IF (TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id))
           AND current_setting('copilot.data_version_bumped', true) IS DISTINCT FROM NEW.user_id::text THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT NEW.user_id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', NEW.user_id::text, true);
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION user_data_versions_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
           AND current_setting('copilot.data_version_bumped', true) IS DISTINCT FROM OLD.id::text THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT OLD.id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', OLD.id::text, true);
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT NEW.id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', NEW.id::text, true);
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id
           AND current_setting('copilot.data_version_bumped', true) IS DISTINCT FROM NEW.id::text THEN
        INSERT INTO user_data_versions AS v (user_id, version)
        SELECT NEW.id, floor(random() * 4611686018427387904)::bigint
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.id)
        ON CONFLICT (user_id) DO UPDATE SET version = v.version + 1;
        IF FOUND THEN
            PERFORM set_config('copilot.data_version_bumped', NEW.id::text, true);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER user_data_versions_users_insert AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION user_data_versions_user_change();
CREATE TRIGGER user_data_versions_users_update AFTER UPDATE OF skills, preferred_locations,
    experience_level, prefer_remote_jobs ON users
    FOR EACH ROW EXECUTE FUNCTION user_data_versions_user_change();

CREATE TRIGGER user_data_versions_jobs_insert_delete AFTER INSERT OR DELETE ON jobs
    FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();
CREATE TRIGGER user_data_versions_jobs_update AFTER UPDATE OF user_id, company, title, location, remote_option, job_type, source, salary_min,
    salary_max, currency, tech_stack, requirements, description, created_at, status
    ON jobs FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();

CREATE TRIGGER user_data_versions_applications_insert_delete AFTER INSERT OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();
CREATE TRIGGER user_data_versions_applications_update AFTER UPDATE OF user_id, job_id
    ON applications FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();

CREATE TRIGGER user_data_versions_resume_uploads_insert_delete AFTER INSERT OR DELETE ON resume_uploads
    FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();
CREATE TRIGGER user_data_versions_resume_uploads_update AFTER UPDATE OF user_id, is_primary, extracted_skills
    ON resume_uploads FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();

CREATE TRIGGER user_data_versions_user_job_preferences_insert_delete AFTER INSERT OR DELETE ON user_job_preferences
    FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();
CREATE TRIGGER user_data_versions_user_job_preferences_update AFTER UPDATE
    ON user_job_preferences FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();

CREATE TRIGGER user_data_versions_job_recommendation_feedback_insert_delete AFTER INSERT OR DELETE ON job_recommendation_feedback
    FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();
CREATE TRIGGER user_data_versions_job_recommendation_feedback_update AFTER UPDATE
    ON job_recommendation_feedback FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();
