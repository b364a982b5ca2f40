-- Migration 0046 (SQLite): tasks (SPEC part E, "Contacts and tasks"; docs/contacts-and-tasks.md).
-- A to-do of a user, with an optional due date and priority, done when done_at is set, and
-- linked to at most one of an application or a job of the same user (composite foreign keys on
-- (application_id, user_id) and (job_id, user_id); migrations 0001 and 0045 made the parent
-- keys). A task goes with the application or job it is linked to.
-- Beyond SPEC's columns: row_version (ETag / If-Match, as migration 0010).

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT tasks_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL
        CONSTRAINT tasks_title_check CHECK (length(title) BETWEEN 1 AND 300 AND trim(title) <> ''),
    notes TEXT
        CONSTRAINT tasks_notes_check CHECK (notes IS NULL OR length(notes) <= 100000),
    due_date TEXT
        CONSTRAINT tasks_due_date_check CHECK (due_date IS date(due_date, '+0 days')),
    done_at TEXT
        CONSTRAINT tasks_done_at_check
        CHECK (done_at IS strftime('%Y-%m-%dT%H:%M:%SZ', done_at, '+0 days')),
    priority TEXT NOT NULL DEFAULT 'normal'
        CONSTRAINT tasks_priority_check CHECK (priority IN ('low', 'normal', 'high')),
    application_id INTEGER
        CONSTRAINT tasks_application_id_fkey REFERENCES applications (id) ON DELETE CASCADE,
    job_id INTEGER
        CONSTRAINT tasks_job_id_fkey REFERENCES jobs (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT tasks_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT tasks_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days')),
    row_version INTEGER NOT NULL DEFAULT 1
        CONSTRAINT tasks_row_version_check CHECK (row_version >= 1),
    -- one link at most: an application (which names its job) or a job
    CONSTRAINT tasks_link_check CHECK (application_id IS NULL OR job_id IS NULL),
    CONSTRAINT tasks_application_user_fkey FOREIGN KEY (application_id, user_id)
        REFERENCES applications (id, user_id) ON DELETE CASCADE,
    CONSTRAINT tasks_job_user_fkey FOREIGN KEY (job_id, user_id)
        REFERENCES jobs (id, user_id) ON DELETE CASCADE
);
CREATE INDEX tasks_user_due_idx ON tasks (user_id, due_date);
CREATE INDEX tasks_application_idx ON tasks (application_id);
CREATE INDEX tasks_job_idx ON tasks (job_id);
CREATE TRIGGER tasks_row_version AFTER UPDATE ON tasks
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE tasks SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

-- Full-text search (?q=): an external-content FTS5 table kept in sync by triggers, as jobs_fts.
CREATE VIRTUAL TABLE tasks_fts USING fts5 (
    title, notes,
    content = 'tasks', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER tasks_fts_after_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts (rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;
CREATE TRIGGER tasks_fts_after_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_fts (tasks_fts, rowid, title, notes)
    VALUES ('delete', old.id, old.title, old.notes);
END;
CREATE TRIGGER tasks_fts_after_update AFTER UPDATE OF title, notes ON tasks BEGIN
    INSERT INTO tasks_fts (tasks_fts, rowid, title, notes)
    VALUES ('delete', old.id, old.title, old.notes);
    INSERT INTO tasks_fts (rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;
