-- Migration 0041 (PostgreSQL): a job source is an object the API reads and writes as one
-- (GET/PATCH/DELETE /job-sources/{id}), so it gets a row version like migration 0010's tables:
-- its ETag, and If-Match on PATCH and DELETE. Every UPDATE leaves row_version = old + 1 (the
-- fetch state and the lease included: a fetch changes what GET shows).
ALTER TABLE job_sources ADD COLUMN row_version bigint NOT NULL DEFAULT 1
    CONSTRAINT job_sources_row_version_check CHECK (row_version >= 1);
CREATE TRIGGER job_sources_row_version BEFORE UPDATE ON job_sources
    FOR EACH ROW EXECUTE FUNCTION row_version_next();
