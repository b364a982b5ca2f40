DROP TRIGGER job_sources_row_version;
ALTER TABLE job_sources DROP COLUMN row_version;
