-- Migration 0045 (SQLite): contacts and the applications they are linked to (SPEC part E,
-- "Contacts and tasks"; docs/contacts-and-tasks.md).
-- contacts: people met along the way (a recruiter, a hiring manager...), a user's own.
-- application_contacts: which contact took part in which application, and as what. Both the
-- application and the contact belong to the link's user: composite foreign keys on
-- (application_id, user_id) and (contact_id, user_id), whose parent keys are the unique
-- (id, user_id) indexes below (applications gets its own here).
-- Beyond SPEC's columns: row_version (ETag / If-Match, as migration 0010), and on the link
-- user_id (for the composite keys) and created_at (when the contact was linked).

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT contacts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL
        CONSTRAINT contacts_name_check CHECK (length(name) BETWEEN 1 AND 200 AND trim(name) <> ''),
    email TEXT
        CONSTRAINT contacts_email_check
        CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254 AND instr(email, '@') > 1),
    phone TEXT
        CONSTRAINT contacts_phone_check CHECK (phone IS NULL OR length(phone) BETWEEN 1 AND 50),
    company TEXT
        CONSTRAINT contacts_company_check
        CHECK (company IS NULL OR length(company) BETWEEN 1 AND 200),
    role TEXT
        CONSTRAINT contacts_role_check CHECK (role IS NULL OR length(role) BETWEEN 1 AND 200),
    linkedin_url TEXT
        CONSTRAINT contacts_linkedin_url_check
        CHECK (linkedin_url IS NULL OR length(linkedin_url) <= 2048
               AND (linkedin_url LIKE 'http://_%' OR linkedin_url LIKE 'https://_%')),
    notes TEXT
        CONSTRAINT contacts_notes_check CHECK (notes IS NULL OR length(notes) <= 100000),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT contacts_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT contacts_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days')),
    row_version INTEGER NOT NULL DEFAULT 1
        CONSTRAINT contacts_row_version_check CHECK (row_version >= 1)
);
CREATE INDEX contacts_user_name_idx ON contacts (user_id, name);
CREATE INDEX contacts_user_company_idx ON contacts (user_id, company);
-- the parent key of application_contacts' composite foreign key
CREATE UNIQUE INDEX contacts_id_user_key ON contacts (id, user_id);
CREATE TRIGGER contacts_row_version AFTER UPDATE ON contacts
    FOR EACH ROW WHEN NEW.row_version IS NOT OLD.row_version + 1
BEGIN
    UPDATE contacts SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
END;

-- Full-text search (?q=): an external-content FTS5 table kept in sync by triggers, as jobs_fts.
CREATE VIRTUAL TABLE contacts_fts USING fts5 (
    name, email, company, role, notes,
    content = 'contacts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER contacts_fts_after_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, name, email, company, role, notes)
    VALUES (new.id, new.name, new.email, new.company, new.role, new.notes);
END;
CREATE TRIGGER contacts_fts_after_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name, email, company, role, notes)
    VALUES ('delete', old.id, old.name, old.email, old.company, old.role, old.notes);
END;
CREATE TRIGGER contacts_fts_after_update AFTER UPDATE OF name, email, company, role, notes
ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name, email, company, role, notes)
    VALUES ('delete', old.id, old.name, old.email, old.company, old.role, old.notes);
    INSERT INTO contacts_fts (rowid, name, email, company, role, notes)
    VALUES (new.id, new.name, new.email, new.company, new.role, new.notes);
END;

-- the parent key of the composite foreign keys (application_id, user_id) -> applications
CREATE UNIQUE INDEX applications_id_user_key ON applications (id, user_id);

CREATE TABLE application_contacts (
    application_id INTEGER NOT NULL
        CONSTRAINT application_contacts_application_id_fkey
        REFERENCES applications (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL
        CONSTRAINT application_contacts_contact_id_fkey REFERENCES contacts (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL
        CONSTRAINT application_contacts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    relation TEXT NOT NULL DEFAULT 'other'
        CONSTRAINT application_contacts_relation_check
        CHECK (relation IN ('recruiter', 'hiring_manager', 'interviewer', 'referrer', 'other')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT application_contacts_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    CONSTRAINT application_contacts_pkey PRIMARY KEY (application_id, contact_id),
    -- the application and the contact are the link's user's
    CONSTRAINT application_contacts_application_user_fkey FOREIGN KEY (application_id, user_id)
        REFERENCES applications (id, user_id) ON DELETE CASCADE,
    CONSTRAINT application_contacts_contact_user_fkey FOREIGN KEY (contact_id, user_id)
        REFERENCES contacts (id, user_id) ON DELETE CASCADE
);
CREATE INDEX application_contacts_contact_idx ON application_contacts (contact_id);
CREATE INDEX application_contacts_user_idx ON application_contacts (user_id);
