CREATE INDEX applications_user_interview_idx ON applications (user_id, interview_date);
DROP INDEX applications_user_interview_id_idx;
