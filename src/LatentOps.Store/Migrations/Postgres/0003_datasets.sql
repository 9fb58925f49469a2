-- Datasets: immutable versions of tables stored as Parquet in the artifact store, with provenance and lineage.
CREATE TABLE datasets (
    name        TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL
);

-- One row per version. content_hash is the SHA-256 of the table's canonical content (schema and values,
-- independent of the file it came from): re-adding equal content to a dataset returns the existing version.
-- artifact_hash names the Parquet bytes in artifacts/. provenance_json holds the source file (name, size,
-- hash), ingest options, user and, for derived versions, the transform (split, filter, redact).
CREATE TABLE dataset_versions (
    name             TEXT NOT NULL REFERENCES datasets(name),
    version          INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    artifact_hash    TEXT NOT NULL,
    artifact_size    BIGINT NOT NULL,
    row_count        BIGINT NOT NULL,
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

CREATE INDEX ix_dataset_versions_content_hash ON dataset_versions (content_hash);

-- Parent versions of derived versions (a split's part points at the version it was cut from).
CREATE TABLE dataset_lineage (
    child_name      TEXT NOT NULL,
    child_version   INTEGER NOT NULL,
    parent_name     TEXT NOT NULL,
    parent_version  INTEGER NOT NULL,
    PRIMARY KEY (child_name, child_version, parent_name, parent_version),
    FOREIGN KEY (child_name, child_version) REFERENCES dataset_versions (name, version),
    FOREIGN KEY (parent_name, parent_version) REFERENCES dataset_versions (name, version)
);

CREATE INDEX ix_dataset_lineage_parent ON dataset_lineage (parent_name, parent_version);
