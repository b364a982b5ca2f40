DROP TRIGGER salary_counts_after_update;
DROP TRIGGER salary_counts_after_delete;
DROP TRIGGER salary_counts_after_insert;
DROP TABLE salary_counts;
DROP INDEX jobs_user_currency_salary_max_idx;
