-- Migration 0038 (issue 9): the search total from the full-text index alone. jobs_fts gains
-- the owner as a column (user_id, content from jobs.user_id): GET /jobs?q= counts one user's
-- matches as the intersection of the index's list for the owner's id in that column with the
-- lists of the words in the other columns, without reading a job row (12,497 matches of
-- 100,000 jobs: 5 ms -> 1.3 ms). A search names the other columns ("- user_id : (...)"), so the
-- owner's id is never matched as a word (src/store/store_sqlite.c). The triggers carry the
-- owner too, and a job moved to another owner is indexed again.
DROP TRIGGER jobs_fts_after_insert;
DROP TRIGGER jobs_fts_after_delete;
DROP TRIGGER jobs_fts_after_update;
DROP TABLE jobs_fts;
CREATE VIRTUAL TABLE jobs_fts USING fts5 (
    title, company, description, requirements, user_id,
    content = 'jobs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO jobs_fts (jobs_fts) VALUES ('rebuild');
CREATE TRIGGER jobs_fts_after_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO jobs_fts (rowid, title, company, description, requirements, user_id)
    VALUES (new.id, new.title, new.company, new.description, new.requirements, new.user_id);
END;
CREATE TRIGGER jobs_fts_after_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, title, company, description, requirements, user_id)
    VALUES ('delete', old.id, old.title, old.company, old.description, old.requirements,
            old.user_id);
END;
CREATE TRIGGER jobs_fts_after_update
AFTER UPDATE OF title, company, description, requirements, user_id ON jobs BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, title, company, description, requirements, user_id)
    VALUES ('delete', old.id, old.title, old.company, old.description, old.requirements,
            old.user_id);
    INSERT INTO jobs_fts (rowid, title, company, description, requirements, user_id)
    VALUES (new.id, new.title, new.company, new.description, new.requirements, new.user_id);
END;
