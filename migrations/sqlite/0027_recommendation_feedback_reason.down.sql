ALTER TABLE job_recommendation_feedback DROP COLUMN reason;
