-- The files go with the table: take a backup first (pg_dump).
DROP TABLE resume_files;
DROP FUNCTION resume_files_check_size();
