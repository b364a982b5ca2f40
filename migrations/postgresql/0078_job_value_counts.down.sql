DROP TRIGGER job_value_counts_update ON jobs;
DROP TRIGGER job_value_counts_delete ON jobs;
DROP TRIGGER job_value_counts_insert ON jobs;
DROP FUNCTION job_value_counts_change();
DROP TYPE job_value_counts_row;
DROP TABLE job_value_counts;
