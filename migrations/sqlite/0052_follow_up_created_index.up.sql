-- Migration 0052 (issue 9): the newest (oldest) created_at of the applications that have a given
-- follow-up date, in one index step. A list filtered on a follow-up date range and sorted by
-- created_at is read walking applications_user_created_dates_idx (0049) from a bound: the
-- newest created_at of the matches in descending order (the oldest in ascending order), the
-- largest of each day's newest over the days application_date_counts holds for the range
-- (src/model/table.c, days_bound). 0037's (user_id, follow_up_date, status, created_at) has the
-- status between, so each day's newest was a read of all of that day's entries (363 us for
-- follow_up_to= 30 days back at 100,000 jobs, 49 us with this index). applied_date has its
-- index already (0037's applications_user_applied_created_idx).
CREATE INDEX applications_user_follow_up_created_idx
    ON applications (user_id, follow_up_date, created_at);
