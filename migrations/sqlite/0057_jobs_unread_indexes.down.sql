CREATE INDEX jobs_status_idx ON jobs (status);
CREATE INDEX jobs_job_fingerprint_idx ON jobs (job_fingerprint);
