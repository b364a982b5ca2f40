-- Migration 0048 (issue 9): the data version of migration 0033 also moves with the résumé
-- chosen for a job (job_resumes, created by 0047 after 0033's number was given out).
CREATE TRIGGER user_data_versions_job_resumes_insert_delete AFTER INSERT OR DELETE ON job_resumes
    FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();
CREATE TRIGGER user_data_versions_job_resumes_update AFTER UPDATE
    ON job_resumes FOR EACH ROW EXECUTE FUNCTION user_data_versions_change();
