CREATE INDEX jobs_user_company_lower_idx ON jobs (user_id, lower(company));
DROP INDEX jobs_user_status_salary_idx;
