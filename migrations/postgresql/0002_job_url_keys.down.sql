DROP INDEX jobs_user_source_url_key_idx;
DROP INDEX jobs_user_application_url_key_idx;
ALTER TABLE jobs DROP COLUMN source_url_key;
ALTER TABLE jobs DROP COLUMN application_url_key;
