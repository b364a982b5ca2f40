CREATE INDEX jobs_user_company_prefix_idx ON jobs (user_id, lower(substr(company, 1, 3)));
DROP INDEX jobs_near_duplicate_idx;
