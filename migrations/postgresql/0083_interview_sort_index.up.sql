-- Migration 0083 (issue 9): GET /applications?sort=interview_date (and -interview_date) read in
-- index order on PostgreSQL. The page takes the first rows of (interview_date, id) among the
-- user's dated applications, then the NULLs by id (src/model/table.c, page_ids). The only index
-- on (user_id, interview_date) was 0011's, without the id, so the planner read its entries with a
-- heap fetch each (the id is not in it) and sorted each date's rows by id (Incremental Sort):
-- 24 of the 87 buffers of the heavy user's page of -interview_date. With the id after the date
-- the page is an index-only walk of 20 entries, as the other date sorts (applied_date and
-- response_date have such an index since 0030). It replaces 0011's index (every range over the
-- date it served it serves too), so a write touches no more indexes than before.
-- docs/performance.md "PostgreSQL's date-sorted application pages (twenty-first round)".
CREATE INDEX applications_user_interview_id_idx ON applications (user_id, interview_date, id);
DROP INDEX applications_user_interview_idx;
