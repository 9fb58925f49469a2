-- Request log and feedback for monitoring (issue 8). The server writes one row per predict/embed
-- request in the background; inputs are JSON row objects with personal data redacted. Feedback
-- labels refer to a logged request and a row of it. Times are fixed-width ISO-8601 UTC text.
CREATE TABLE request_log (
    request_id TEXT PRIMARY KEY NOT NULL,       -- 32 hex characters, returned to the client
    at         TEXT NOT NULL,
    model      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    endpoint   TEXT NOT NULL CHECK (endpoint IN ('predict', 'embed')),
    row_count  INTEGER NOT NULL CHECK (row_count >= 1),
    inputs     TEXT NOT NULL,                   -- JSON array of row objects, PII redacted
    outputs    TEXT NOT NULL,                   -- JSON: predicted labels and probabilities, or embedding norms
    latency_ms REAL NOT NULL
);
CREATE INDEX request_log_by_model ON request_log (model, at);

CREATE TABLE feedback (
    request_id TEXT NOT NULL REFERENCES request_log (request_id),
    row_index  INTEGER NOT NULL CHECK (row_index >= 0),
    label      TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (request_id, row_index)
);
