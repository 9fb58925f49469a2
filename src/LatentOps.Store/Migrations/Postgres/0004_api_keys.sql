-- API keys for the server. Only a SHA-256 of each key's secret is stored; the key itself is shown once.
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY NOT NULL,   -- public part of the key, e.g. 'k3f9a2c1'
    secret_hash TEXT NOT NULL,               -- lower-case hex SHA-256 of the secret part
    scope       TEXT NOT NULL CHECK (scope IN ('read', 'predict', 'admin')),
    name        TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT
);
