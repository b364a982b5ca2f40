-- Migration 0049 (issue 9): the follow-ups and the application date ranges at 100,000 jobs.
-- The follow-ups (GET /applications/follow-ups: due by today, open statuses only) from an index
-- of the open applications alone, in the list's order (follow_up_date, id): the page reads its
-- 20 entries and stops, and the exact total is an index-only count of open applications. The
-- predicate is the one src/model/application.c writes (follow_up_where: the final statuses of
-- src/core/pipeline.c, as constants), so the planner can prove it.
CREATE INDEX applications_follow_up_open_idx
    ON applications (user_id, follow_up_date, id) INCLUDE (status)
    WHERE status NOT IN ('accepted', 'declined', 'rejected', 'withdrawn', 'ghosted');
-- The created_at order of the lists also holds the dates the ranges filter on (applied_from/to,
-- follow_up_from/to): when many rows match, the page is read in that order and each range checked
-- in the index (an index-only scan), without sorting every match (list_spec.covers in
-- src/model/table.c). It replaces (user_id, created_at, id) of migration 0030.
CREATE INDEX applications_user_created_dates_idx
    ON applications (user_id, created_at, id) INCLUDE (applied_date, follow_up_date);
DROP INDEX applications_user_created_at_idx;
