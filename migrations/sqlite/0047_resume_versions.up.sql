-- Migration 0047 (SQLite): several résumé versions per field (issue 10 part 5; docs/resumes.md,
-- "Résumé versions").
-- resume_uploads.label names a version ("backend", "data"): 1-50 characters, not blank, one
-- résumé per label per user.
-- job_resumes: the résumé a job is to be matched and written with, when it is not the primary
-- one. One row per job at most; the job and the résumé are the row's user's (composite foreign
-- keys, the parent key of résumés made here). Deleting the résumé deletes the choice: the job
-- goes back to the primary résumé.
ALTER TABLE resume_uploads ADD COLUMN label TEXT
    CONSTRAINT resume_uploads_label_check
    CHECK (label IS NULL OR length(label) BETWEEN 1 AND 50 AND trim(label) = label AND label <> '');
CREATE UNIQUE INDEX resume_uploads_user_label_key ON resume_uploads (user_id, label);
-- the parent key of job_resumes' composite foreign key
CREATE UNIQUE INDEX resume_uploads_id_user_key ON resume_uploads (id, user_id);

CREATE TABLE job_resumes (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL
        CONSTRAINT job_resumes_job_id_fkey REFERENCES jobs (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL
        CONSTRAINT job_resumes_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    resume_id INTEGER NOT NULL
        CONSTRAINT job_resumes_resume_id_fkey REFERENCES resume_uploads (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT job_resumes_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    CONSTRAINT job_resumes_job_user_fkey FOREIGN KEY (job_id, user_id)
        REFERENCES jobs (id, user_id) ON DELETE CASCADE,
    CONSTRAINT job_resumes_resume_user_fkey FOREIGN KEY (resume_id, user_id)
        REFERENCES resume_uploads (id, user_id) ON DELETE CASCADE
);
-- one choice per job
CREATE UNIQUE INDEX job_resumes_job_id_key ON job_resumes (job_id);
CREATE INDEX job_resumes_resume_idx ON job_resumes (resume_id);
CREATE INDEX job_resumes_user_idx ON job_resumes (user_id);
