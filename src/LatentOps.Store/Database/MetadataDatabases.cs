namespace LatentOps.Store.Database;

/// <summary>Chooses the metadata database backend: SQLite in the workspace, or PostgreSQL when <c>LATENTOPS_STORE</c> is set.</summary>
public static class MetadataDatabases
{
    /// <summary>The environment variable holding a PostgreSQL connection string; unset or empty means the embedded SQLite file.</summary>
    public const string StoreEnvironmentVariable = "LATENTOPS_STORE";

    /// <summary>Opens the backend: PostgreSQL when <paramref name="storeConnectionString"/> is given, else SQLite at <paramref name="sqlitePath"/>.</summary>
    public static IMetadataDatabase Open(string sqlitePath, string? storeConnectionString) =>
        string.IsNullOrWhiteSpace(storeConnectionString)
            ? SqliteMetadataDatabase.Open(sqlitePath)
            : PostgresMetadataDatabase.Open(storeConnectionString);
}
