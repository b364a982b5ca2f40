-- Near-duplicate candidates are the user's jobs whose company starts with the same three
-- letters (src/model/job.c); this expression index turns that scan into a lookup.
CREATE INDEX jobs_user_company_prefix_idx ON jobs (user_id, lower(substr(company, 1, 3)));
