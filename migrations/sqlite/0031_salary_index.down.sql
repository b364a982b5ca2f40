DROP INDEX jobs_user_salaries_idx;
