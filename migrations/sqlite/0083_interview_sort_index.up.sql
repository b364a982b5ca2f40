-- Migration 0083 changes PostgreSQL only (an index on (user_id, interview_date, id), see its up
-- script). SQLite's index of 0011 on (user_id, interview_date) ends with the rowid, which is the
-- id, so it gives that order already. The version is kept on both engines so that their schema
-- versions stay the same.
SELECT 1;
