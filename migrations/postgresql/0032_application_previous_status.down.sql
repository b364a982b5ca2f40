ALTER TABLE applications DROP COLUMN previous_status;
