-- Migration 0012 (SQLite): calendar feed tokens (SPEC part E, "Calendar").
-- One read-only feed per user for GET /calendar.ics?token=T. The token (256 random bits) is
-- shown once and stored only as its digest (64 lower-case hex digits, like sessions); posting
-- again replaces the row (a new token), deleting it revokes the feed. Separate from sessions:
-- a feed token reads the calendar and nothing else, and logging out does not break it.
CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL
        CONSTRAINT calendar_feeds_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL
        CONSTRAINT calendar_feeds_token_hash_check
        CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        CONSTRAINT calendar_feeds_created_at_check
        CHECK (created_at IS strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+0 days')),
    last_used_at TEXT
        CONSTRAINT calendar_feeds_last_used_at_check
        CHECK (last_used_at IS strftime('%Y-%m-%dT%H:%M:%SZ', last_used_at, '+0 days'))
);
CREATE UNIQUE INDEX calendar_feeds_user_id_key ON calendar_feeds (user_id);
CREATE UNIQUE INDEX calendar_feeds_token_hash_key ON calendar_feeds (token_hash);
