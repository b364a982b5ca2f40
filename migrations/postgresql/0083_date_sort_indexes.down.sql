DROP INDEX applications_user_follow_up_sort_idx;
CREATE INDEX applications_user_interview_idx ON applications (user_id, interview_date);
DROP INDEX applications_user_interview_id_idx;
