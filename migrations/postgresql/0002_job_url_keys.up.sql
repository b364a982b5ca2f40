-- Normalised application/source URLs (host + path, see src/core/fingerprint.c) so that the
-- "same URL" duplicate rule of SPEC part C is an indexed lookup instead of a scan.
ALTER TABLE jobs ADD COLUMN application_url_key text;
ALTER TABLE jobs ADD COLUMN source_url_key text;
CREATE INDEX jobs_user_application_url_key_idx ON jobs (user_id, application_url_key);
CREATE INDEX jobs_user_source_url_key_idx ON jobs (user_id, source_url_key);
