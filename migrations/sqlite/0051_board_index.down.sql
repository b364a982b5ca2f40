CREATE INDEX applications_user_status_updated_idx ON applications (user_id, status, updated_at);
DROP INDEX applications_user_status_updated_id_idx;
