-- Migration 0040 (SQLite): discovery from public job boards (SPEC part E; docs/capture-and-
-- discovery.md). job_sources: the boards and feeds a user follows. job_source_runs: what each
-- fetch of a source brought (the last 20 per source are kept by the application).
-- Beyond SPEC's columns: consecutive_failures (a source failing 5 times in a row is paused:
-- enabled set to 0 by the application), lease_until (the scheduler's lease, so that of several
-- servers only one fetches a source at a time), updated_at.

CREATE TABLE job_sources (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT job_sources_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL
        CONSTRAINT job_sources_kind_check CHECK (kind IN ('greenhouse', 'lever', 'ashby', 'rss')),
    identifier TEXT NOT NULL
        CONSTRAINT job_sources_identifier_check CHECK (
            length(identifier) BETWEEN 1 AND 2048
            AND (kind = 'rss' AND (identifier LIKE 'http://%' OR identifier LIKE 'https://%')
                 OR kind <> 'rss' AND length(identifier) <= 100
                    AND identifier NOT GLOB '*[^A-Za-z0-9._-]*')),
    name TEXT
        CONSTRAINT job_sources_name_check CHECK (name IS NULL OR length(name) BETWEEN 1 AND 200),
    enabled BOOLEAN NOT NULL DEFAULT 1
        CONSTRAINT job_sources_enabled_check CHECK (enabled IN (0, 1)),
    last_fetched_at TEXT
        CONSTRAINT job_sources_last_fetched_at_check
        CHECK (last_fetched_at IS strftime('%Y-%m-%dT%H:%M:%SZ', last_fetched_at, '+0 days')),
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0
        CONSTRAINT job_sources_consecutive_failures_check CHECK (consecutive_failures >= 0),
    lease_until TEXT
        CONSTRAINT job_sources_lease_until_check
        CHECK (lease_until IS strftime('%Y-%m-%dT%H:%M:%SZ', lease_until, '+0 days')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT job_sources_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT job_sources_updated_at_check
        CHECK (updated_at IS strftime('%Y-%m-%dT%H:%M:%SZ', updated_at, '+0 days'))
);
CREATE UNIQUE INDEX job_sources_user_kind_identifier_key
    ON job_sources (user_id, kind, identifier);
-- the target of job_source_runs' composite foreign key
CREATE UNIQUE INDEX job_sources_id_user_key ON job_sources (id, user_id);
-- the scheduler's question: enabled sources, least recently fetched first
CREATE INDEX job_sources_due_idx ON job_sources (enabled, last_fetched_at);

CREATE TABLE job_source_runs (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT job_source_runs_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL
        CONSTRAINT job_source_runs_source_id_fkey REFERENCES job_sources (id) ON DELETE CASCADE,
    started_by TEXT NOT NULL
        CONSTRAINT job_source_runs_started_by_check
        CHECK (started_by IN ('manual', 'schedule', 'command')),
    started_at TEXT NOT NULL
        CONSTRAINT job_source_runs_started_at_check
        CHECK (started_at IS strftime('%Y-%m-%dT%H:%M:%SZ', started_at, '+0 days')),
    finished_at TEXT NOT NULL
        CONSTRAINT job_source_runs_finished_at_check
        CHECK (finished_at IS strftime('%Y-%m-%dT%H:%M:%SZ', finished_at, '+0 days')),
    found INTEGER NOT NULL DEFAULT 0 CONSTRAINT job_source_runs_found_check CHECK (found >= 0),
    created INTEGER NOT NULL DEFAULT 0 CONSTRAINT job_source_runs_created_check CHECK (created >= 0),
    duplicates INTEGER NOT NULL DEFAULT 0
        CONSTRAINT job_source_runs_duplicates_check CHECK (duplicates >= 0),
    errors INTEGER NOT NULL DEFAULT 0 CONSTRAINT job_source_runs_errors_check CHECK (errors >= 0),
    error TEXT,
    jobs TEXT NOT NULL DEFAULT '[]'
        CONSTRAINT job_source_runs_jobs_check
        CHECK (CASE WHEN json_valid(jobs) THEN json_type(jobs) = 'array' ELSE 0 END),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT job_source_runs_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    CONSTRAINT job_source_runs_finished_check CHECK (finished_at >= started_at),
    -- a run belongs to its source's user
    CONSTRAINT job_source_runs_source_user_fkey FOREIGN KEY (source_id, user_id)
        REFERENCES job_sources (id, user_id) ON DELETE CASCADE
);
CREATE INDEX job_source_runs_source_idx ON job_source_runs (source_id, started_at);
CREATE INDEX job_source_runs_user_idx ON job_source_runs (user_id);
