-- Migration 0082 changes SQLite only (an index that reads GET /applications?sort=follow_up_date
-- in index order, see its up script). PostgreSQL's page of that sort costs the same at 100,000
-- and 10,000 jobs already (0.88x and 0.93x in the nineteenth round's heavy run), so the index
-- would only add a write to every application. The version is kept on both engines so that
-- their schema versions stay the same.
SELECT 1;
