-- Failed-login counters (SPEC part E "Several servers, one database"; issue 8 item 6): kept in
-- the database so that every server of a group shares them and a restart keeps them. One row
-- per subject, exactly one of:
--   user_id    an account, whatever name or e-mail was typed for it (deleted with the user);
--   name_hash  a typed name that matches no account: the hex SHA-256 of its lower-cased form
--              (the name itself is never stored: people type passwords into name fields);
--   address    a client address.
-- failures counts the failures of the fixed window that began at window_start (last_failure_at:
-- the latest of them); rows whose window is over are purged (src/model/login_throttle.c;
-- docs/security.md has the numbers).
CREATE TABLE login_throttles (
    id INTEGER PRIMARY KEY,
    user_id INTEGER
        CONSTRAINT login_throttles_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    name_hash TEXT
        CONSTRAINT login_throttles_name_hash_check
        CHECK (length(name_hash) = 64 AND name_hash NOT GLOB '*[^0-9a-f]*'),
    address TEXT
        CONSTRAINT login_throttles_address_check
        CHECK (length(address) BETWEEN 1 AND 64),
    failures INTEGER NOT NULL
        CONSTRAINT login_throttles_failures_check CHECK (failures >= 1),
    window_start TEXT NOT NULL
        CONSTRAINT login_throttles_window_start_check
        CHECK (window_start IS strftime('%Y-%m-%dT%H:%M:%SZ', window_start, '+0 days')),
    last_failure_at TEXT NOT NULL
        CONSTRAINT login_throttles_last_failure_at_check
        CHECK (last_failure_at IS strftime('%Y-%m-%dT%H:%M:%SZ', last_failure_at, '+0 days')),
    CONSTRAINT login_throttles_subject_check
        CHECK ((user_id IS NOT NULL) + (name_hash IS NOT NULL) + (address IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX login_throttles_user_id_key ON login_throttles (user_id);
CREATE UNIQUE INDEX login_throttles_name_hash_key ON login_throttles (name_hash);
CREATE UNIQUE INDEX login_throttles_address_key ON login_throttles (address);
CREATE INDEX login_throttles_window_start_idx ON login_throttles (window_start);
