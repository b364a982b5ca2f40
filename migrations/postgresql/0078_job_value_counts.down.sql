DROP TRIGGER job_value_counts_update ON jobs;
DROP TRIGGER job_value_counts_insert_delete ON jobs;
DROP FUNCTION job_value_counts_change();
DROP TABLE job_value_counts;
