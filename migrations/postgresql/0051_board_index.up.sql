-- Migration 0051 (issue 9): the board's columns in their exact order from the index.
-- src/model/application.c (application_board) reads, per status, the per_column most recently
-- updated applications, ORDER BY updated_at DESC, id DESC. The index of 0011 ended at
-- updated_at, so rows that tie on it (seeded or imported applications, a bulk status change)
-- were read and sorted past the LIMIT (an incremental sort: 261 rows read for the 50 of the
-- heavy user's `interested`). With id in the index each column is an index range read backwards
-- that stops after per_column rows. It replaces the index of 0011 (a prefix of this one).
CREATE INDEX applications_user_status_updated_id_idx
    ON applications (user_id, status, updated_at, id);
DROP INDEX applications_user_status_updated_idx;
