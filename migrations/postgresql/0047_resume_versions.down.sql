DROP TABLE job_resumes;
DROP INDEX resume_uploads_id_user_key;
DROP INDEX resume_uploads_user_label_key;
ALTER TABLE resume_uploads DROP COLUMN label;
