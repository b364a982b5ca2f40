-- Migration 0057 (issue 9): two indexes of 0001 that no statement reads, dropped because every
-- POST /jobs and every imported row paid for them (an index entry each, a page of the WAL each
-- on SQLite). Every job query names its owner, and each of these is served by an index that
-- starts with user_id: a status filter or sort by jobs_user_status_idx and 0037's
-- jobs_user_status_created_idx, a fingerprint by the unique jobs_user_fingerprint_key. No
-- statement filters or sorts jobs by status or fingerprint across users (the plans of every
-- statement the API suites run: docs/performance.md, "Writes and the import (eighth round)").
DROP INDEX jobs_status_idx;
DROP INDEX jobs_job_fingerprint_idx;
