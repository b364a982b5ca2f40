-- Migration 0051 (issue 9): the board's columns in their exact order from the index.
-- src/model/application.c (application_board) reads, per status, the per_column most recently
-- updated applications, ORDER BY updated_at DESC, id DESC. SQLite's index of 0011 already ends
-- with the rowid (id), so it served that order; the index is renamed here to the same columns
-- written out, as on PostgreSQL, where 0011's index lacked id. It replaces the index of 0011.
CREATE INDEX applications_user_status_updated_id_idx
    ON applications (user_id, status, updated_at, id);
DROP INDEX applications_user_status_updated_idx;
