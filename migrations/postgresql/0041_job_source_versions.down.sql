DROP TRIGGER job_sources_row_version ON job_sources;
ALTER TABLE job_sources DROP COLUMN row_version;
