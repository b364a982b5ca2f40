-- Migration 0083 changes PostgreSQL only (indexes on (user_id, interview_date, id) and
-- (user_id, follow_up_date, id), see its up script). SQLite's index of 0011 on (user_id,
-- interview_date) and 0082's on (user_id, follow_up_date) end with the rowid, which is the id,
-- so they give that order already. The version is kept on both engines so that their schema
-- versions stay the same.
SELECT 1;
