DROP TRIGGER jobs_fts_after_insert;
DROP TRIGGER jobs_fts_after_delete;
DROP TRIGGER jobs_fts_after_update;
DROP TABLE jobs_fts;
CREATE VIRTUAL TABLE jobs_fts USING fts5 (
    title, company, description, requirements,
    content = 'jobs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO jobs_fts (jobs_fts) VALUES ('rebuild');
CREATE TRIGGER jobs_fts_after_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO jobs_fts (rowid, title, company, description, requirements)
    VALUES (new.id, new.title, new.company, new.description, new.requirements);
END;
CREATE TRIGGER jobs_fts_after_delete AFTER DELETE ON jobs BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, title, company, description, requirements)
    VALUES ('delete', old.id, old.title, old.company, old.description, old.requirements);
END;
CREATE TRIGGER jobs_fts_after_update AFTER UPDATE OF title, company, description, requirements
ON jobs BEGIN
    INSERT INTO jobs_fts (jobs_fts, rowid, title, company, description, requirements)
    VALUES ('delete', old.id, old.title, old.company, old.description, old.requirements);
    INSERT INTO jobs_fts (rowid, title, company, description, requirements)
    VALUES (new.id, new.title, new.company, new.description, new.requirements);
END;
