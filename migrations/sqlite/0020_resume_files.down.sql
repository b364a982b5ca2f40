-- The files go with the table: take a backup first (copilot backup FILE).
DROP TRIGGER resume_files_size_update;
DROP TRIGGER resume_files_size_insert;
DROP TABLE resume_files;
