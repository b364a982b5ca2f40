DROP TRIGGER salary_counts_update ON jobs;
DROP TRIGGER salary_counts_delete ON jobs;
DROP TRIGGER salary_counts_insert ON jobs;
DROP FUNCTION salary_counts_insert();
DROP FUNCTION salary_counts_change();
DROP TABLE salary_counts;
DROP INDEX jobs_user_currency_salary_max_idx;
