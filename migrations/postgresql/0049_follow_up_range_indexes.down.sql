DROP TRIGGER application_date_counts_update ON applications;
DROP TRIGGER application_date_counts_insert ON applications;
DROP TRIGGER application_date_counts_delete ON applications;
DROP FUNCTION application_date_counts_insert();
DROP FUNCTION application_date_counts_change();
DROP TABLE application_date_counts;
CREATE INDEX applications_user_created_at_idx ON applications (user_id, created_at, id);
DROP INDEX applications_user_created_dates_idx;
DROP INDEX applications_follow_up_open_idx;
