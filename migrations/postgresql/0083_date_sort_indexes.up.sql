-- Migration 0083 (issue 9): GET /applications?sort=±interview_date and ±follow_up_date read in
-- index order on PostgreSQL, as ±applied_date and ±response_date do (0030). The first page of
-- the owner's applications in one of these nullable sorts is planned once for any owner
-- (exact_first_page and list_spec.exact_sorts in src/model/table.c): each of its parts, the
-- dated rows then the NULLs, takes the first entries of an index (user_id, column, id) in order,
-- so the generic plan is right for a user with 20 applications or with 20,000.
-- - interview_date: 0011's index on (user_id, interview_date) has no id, so the planner fetched
--   each entry's row and sorted each date's rows by id (Incremental Sort: 24 of the 87 buffers of
--   the heavy user's page of -interview_date). Replaced (every range over the date it served it
--   serves too), so a write touches no more indexes than before.
-- - follow_up_date: 0037's (user_id, follow_up_date, status, created_at, id) has columns between
--   the date and the id (an Incremental Sort of 82 entries for 20 at 20,000 applications, and of
--   every NULL's entry for the NULLs' part); 0049's is partial (open applications only). Added,
--   as SQLite's 0082 did under the same name.
-- docs/performance.md "PostgreSQL's date-sorted application pages (twenty-first round)".
CREATE INDEX applications_user_interview_id_idx ON applications (user_id, interview_date, id);
DROP INDEX applications_user_interview_idx;
CREATE INDEX applications_user_follow_up_sort_idx ON applications (user_id, follow_up_date, id);
