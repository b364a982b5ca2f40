-- Pending OAuth 2 authorisations: the state and PKCE verifier of each /auth/oauth/.../start,
-- kept in the database so any server of a group can finish the flow. Rows live 10 minutes.
CREATE TABLE oauth_states (
    id INTEGER PRIMARY KEY,
    state_hash TEXT NOT NULL,
    provider TEXT NOT NULL CHECK (length(provider) BETWEEN 1 AND 64),
    code_verifier TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    expires_at TEXT NOT NULL,
    CONSTRAINT oauth_states_state_hash_key UNIQUE (state_hash)
);
CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at);
