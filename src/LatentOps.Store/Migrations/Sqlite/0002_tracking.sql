-- Tracking, model registry, embedding feature store and audit log (issue 6). Timestamps are
-- ISO-8601 UTC text with a fixed width (yyyy-MM-ddTHH:mm:ss.fffffffZ), so text order is time order.

CREATE TABLE experiments (
    experiment_id INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL
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
CREATE INDEX runs_by_experiment ON runs (experiment_id, start_time);

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

-- One row per logged point; value NULL stands for NaN (SQLite has no NaN).
CREATE TABLE run_metrics (
    metric_id INTEGER PRIMARY KEY,
    run_id    TEXT NOT NULL REFERENCES runs (run_id),
    key       TEXT NOT NULL,
    step      INTEGER NOT NULL,
    value     REAL,
    logged_at TEXT NOT NULL
);
CREATE INDEX run_metrics_by_key ON run_metrics (run_id, key, step);

CREATE TABLE run_artifacts (
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    path   TEXT NOT NULL,
    hash   TEXT NOT NULL,
    size   INTEGER NOT NULL,
    PRIMARY KEY (run_id, path)
);

-- Dataset versions a run used (name and version as the dataset catalog knows them).
CREATE TABLE run_datasets (
    run_id          TEXT NOT NULL REFERENCES runs (run_id),
    role            TEXT NOT NULL,
    dataset_name    TEXT NOT NULL,
    dataset_version INTEGER NOT NULL,
    content_hash    TEXT,
    source          TEXT,
    PRIMARY KEY (run_id, role, dataset_name, dataset_version)
);

CREATE TABLE registered_models (
    model_id     INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_version INTEGER NOT NULL DEFAULT 0
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

CREATE TABLE model_aliases (
    model_id   INTEGER NOT NULL,
    alias      TEXT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (model_id, alias),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, version)
);

-- Every alias move, in order: kind is set, promote, force or rollback.
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
CREATE INDEX alias_moves_by_alias ON alias_moves (model_id, alias, move_id);

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

-- The online store: float32 little-endian vectors, one row per entity and event time.
CREATE TABLE feature_vectors (
    model_name     TEXT NOT NULL,
    model_version  INTEGER NOT NULL,
    entity_id      TEXT NOT NULL,
    event_time     TEXT NOT NULL,
    feature_set_id INTEGER NOT NULL REFERENCES feature_sets (feature_set_id),
    vector         BLOB NOT NULL,
    PRIMARY KEY (model_name, model_version, entity_id, event_time)
);

-- Append-only, hash-chained audit log: hash = SHA-256 over the entry and prev_hash.
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
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
