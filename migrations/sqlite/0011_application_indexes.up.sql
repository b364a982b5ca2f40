-- Migration 0011: indexes for the bounded board and the calendar (SPEC part E).
-- The board asks, per status, the newest applications of one user and the count of each status:
-- (user_id, status, updated_at) serves both without reading any other user's rows or sorting.
-- The follow-up list and the calendar ask one user's applications by a date range.
CREATE INDEX applications_user_status_updated_idx ON applications (user_id, status, updated_at);
CREATE INDEX applications_user_follow_up_idx ON applications (user_id, follow_up_date);
CREATE INDEX applications_user_interview_idx ON applications (user_id, interview_date);
CREATE INDEX applications_user_offer_idx ON applications (user_id, offer_date);
