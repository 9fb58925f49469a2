-- schema version 5
CREATE INDEX alias_moves_by_alias ON alias_moves (model_id, alias, move_id);

CREATE INDEX ix_dataset_lineage_parent ON dataset_lineage (parent_name, parent_version);

CREATE INDEX ix_dataset_versions_content_hash ON dataset_versions (content_hash);

CREATE INDEX request_log_by_model ON request_log (model, at);

CREATE INDEX run_metrics_by_key ON run_metrics (run_id, key, step);

CREATE INDEX runs_by_experiment ON runs (experiment_id, start_time);

CREATE TABLE alias_moves (
    move_id      INTEGER PRIMARY KEY,
    model_id     INTEGER NOT NULL REFERENCES registered_models (model_id),
    alias        TEXT NOT NULL,
    from_version INTEGER,
    to_version   INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('set', 'promote', 'force', 'rollback')),
    reason       TEXT,
    actor        TEXT NOT NULL,
    moved_at     TEXT NOT NULL
);

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY NOT NULL,   -- public part of the key, e.g. 'k3f9a2c1'
    secret_hash TEXT NOT NULL,               -- lower-case hex SHA-256 of the secret part
    scope       TEXT NOT NULL CHECK (scope IN ('read', 'predict', 'admin')),
    name        TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
);

CREATE TABLE dataset_lineage (
    child_name      TEXT NOT NULL,
    child_version   INTEGER NOT NULL,
    parent_name     TEXT NOT NULL,
    parent_version  INTEGER NOT NULL,
    PRIMARY KEY (child_name, child_version, parent_name, parent_version),
    FOREIGN KEY (child_name, child_version) REFERENCES dataset_versions (name, version),
    FOREIGN KEY (parent_name, parent_version) REFERENCES dataset_versions (name, version)
);

CREATE TABLE dataset_versions (
    name             TEXT NOT NULL REFERENCES datasets(name),
    version          INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    artifact_hash    TEXT NOT NULL,
    artifact_size    INTEGER NOT NULL,
    row_count        INTEGER NOT NULL,
    column_count     INTEGER NOT NULL,
    schema_json      TEXT NOT NULL,
    label_column     TEXT,
    time_column      TEXT,
    id_column        TEXT,
    provenance_json  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    PRIMARY KEY (name, version),
    UNIQUE (name, content_hash)
);

CREATE TABLE datasets (
    name        TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE experiments (
    experiment_id INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL
);

CREATE TABLE feature_sets (
    feature_set_id INTEGER PRIMARY KEY,
    model_name     TEXT NOT NULL,
    model_version  INTEGER NOT NULL,
    dimension      INTEGER NOT NULL,
    row_count      INTEGER NOT NULL,
    artifact_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL
);

CREATE TABLE feature_vectors (
    model_name     TEXT NOT NULL,
    model_version  INTEGER NOT NULL,
    entity_id      TEXT NOT NULL,
    event_time     TEXT NOT NULL,
    feature_set_id INTEGER NOT NULL REFERENCES feature_sets (feature_set_id),
    vector         BLOB NOT NULL,
    PRIMARY KEY (model_name, model_version, entity_id, event_time)
);

CREATE TABLE feedback (
    request_id TEXT NOT NULL REFERENCES request_log (request_id),
    row_index  INTEGER NOT NULL CHECK (row_index >= 0),
    label      TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (request_id, row_index)
);

CREATE TABLE model_aliases (
    model_id   INTEGER NOT NULL,
    alias      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

CREATE TABLE model_versions (
    model_id     INTEGER NOT NULL REFERENCES registered_models (model_id),
    version      INTEGER NOT NULL,
    run_id       TEXT NOT NULL REFERENCES runs (run_id),
    package_hash TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    PRIMARY KEY (model_id, version)
);

CREATE TABLE registered_models (
    model_id     INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_version INTEGER NOT NULL DEFAULT 0
);

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

CREATE TABLE run_artifacts (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    path   TEXT NOT NULL,
    hash   TEXT NOT NULL,
    size   INTEGER NOT NULL,
    PRIMARY KEY (run_id, path)
);

CREATE TABLE run_datasets (
    run_id          TEXT NOT NULL REFERENCES runs (run_id),
    role            TEXT NOT NULL,
    dataset_name    TEXT NOT NULL,
    dataset_version INTEGER NOT NULL,
    content_hash    TEXT,
    source          TEXT,
    PRIMARY KEY (run_id, role, dataset_name, dataset_version)
);

CREATE TABLE run_metrics (
    metric_id INTEGER PRIMARY KEY,
    run_id    TEXT NOT NULL REFERENCES runs (run_id),
    key       TEXT NOT NULL,
    step      INTEGER NOT NULL,
    value     REAL,
    logged_at TEXT NOT NULL
);

CREATE TABLE run_params (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE TABLE run_tags (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE TABLE runs (
    run_id        TEXT PRIMARY KEY NOT NULL,
    experiment_id INTEGER NOT NULL REFERENCES experiments (experiment_id),
    name          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'killed')),
    start_time    TEXT NOT NULL,
    end_time      TEXT,
    source_commit TEXT,
    created_by    TEXT NOT NULL
);

CREATE TABLE workspace_info (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

