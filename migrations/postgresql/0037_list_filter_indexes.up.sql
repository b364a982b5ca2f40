-- Migration 0037 (issue 9): filtered lists that cost the same at 100,000 jobs as at 10,000.
-- An index (user_id, filter column, sort column, id) per filter and sort a list is asked for
-- together: the page is read in order from the rows that match, instead of reading the sort
-- index until enough rows pass the filter (slow when few match, or when the matches are the
-- last in sort order: old application dates are the oldest rows) or sorting every match. The
-- list specs name the same pairs (src/model/job.c, application.c: list_spec.pairs); the id
-- last keeps ties on the sort column in id order, as the lists break them.
CREATE INDEX jobs_user_status_created_idx ON jobs (user_id, status, created_at, id);
CREATE INDEX jobs_user_source_created_idx ON jobs (user_id, source, created_at, id);
CREATE INDEX jobs_user_company_lower_created_idx ON jobs (user_id, lower(company), created_at, id);
CREATE INDEX applications_user_status_created_idx ON applications (user_id, status, created_at, id);
CREATE INDEX applications_user_status_applied_idx ON applications (user_id, status, applied_date, id);
-- date ranges: the matches' created_at from the index alone (an index-only scan and a sort)
CREATE INDEX applications_user_applied_created_idx
    ON applications (user_id, applied_date, created_at, id);
-- the follow-ups (due by today, open statuses only) and follow_up_to=: the status from the index
-- too; it replaces (user_id, follow_up_date) of migration 0011
CREATE INDEX applications_user_follow_up_status_idx
    ON applications (user_id, follow_up_date, status, created_at, id);
DROP INDEX applications_user_follow_up_idx;
