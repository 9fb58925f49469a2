-- Facts about the workspace itself (id, creation time, which LatentOps created it).
CREATE TABLE workspace_info (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
