namespace LatentOps.Store.Database;

/// <summary>The SQL dialect of a metadata database; picks the migration folder and the few non-portable statements.</summary>
public enum StoreDialect
{
    /// <summary>The embedded default: one SQLite file in the workspace.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for teams (selected by <c>LATENTOPS_STORE</c>).</summary>
    Postgres,
}
