using System.Data.Common;
using LatentOps.Core.Errors;
using Npgsql;

namespace LatentOps.Store.Database;

/// <summary>
/// The metadata database on a PostgreSQL server (for teams and several server replicas), selected by
/// <c>LATENTOPS_STORE</c>. Migrated on open under an advisory lock, so replicas starting together
/// apply each migration once. Tables live in the connection's search path (its first schema).
/// </summary>
public sealed class PostgresMetadataDatabase : IMetadataDatabase
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresMetadataDatabase(NpgsqlDataSource dataSource, string location)
    {
        _dataSource = dataSource;
        Location = location;
    }

    /// <inheritdoc />
    public StoreDialect Dialect => StoreDialect.Postgres;

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public int SchemaVersion { get; private set; }

    /// <summary>
    /// Connects to the server named by <paramref name="connectionString"/> (Npgsql key=value form, or a
    /// <c>postgresql://user:password@host:port/database</c> URI) and migrates its schema.
    /// </summary>
    /// <exception cref="LatentOpsException">The string is malformed, or the server cannot be reached or refuses the login.</exception>
    public static PostgresMetadataDatabase Open(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalise(connectionString));
        }
        catch (ArgumentException ex)
        {
            throw LatentOpsException.InvalidInput(
                $"LATENTOPS_STORE is not a PostgreSQL connection string ({ex.Message}). Use 'Host=H;Port=5432;Database=D;Username=U;Password=P' " +
                "or 'postgresql://user:password@host:port/database'.", ex);
        }

        var location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}" +
            (string.IsNullOrEmpty(builder.SearchPath) ? string.Empty : $" (schema {builder.SearchPath})");
        var database = new PostgresMetadataDatabase(NpgsqlDataSource.Create(builder), location);
        try
        {
            using var connection = database._dataSource.OpenConnection();
            PostgresMigrator.Migrate(connection, location);
            database.SchemaVersion = PostgresMigrator.ReadVersion(connection);
            using var info = connection.CreateCommand();
            info.CommandText = """
                INSERT INTO workspace_info(key, value) VALUES ('id', @id) ON CONFLICT DO NOTHING;
                INSERT INTO workspace_info(key, value) VALUES ('created_at', @now) ON CONFLICT DO NOTHING;
                """;
            info.Parameters.AddWithValue("id", Guid.NewGuid().ToString("N"));
            info.Parameters.AddWithValue("now", StoreTime.Format(DateTimeOffset.UtcNow));
            info.ExecuteNonQuery();
        }
        catch (NpgsqlException ex)
        {
            database._dataSource.Dispose();
            throw LatentOpsException.InvalidState($"The PostgreSQL store {location} could not be used: {ex.Message}", ex);
        }

        return database;
    }

    /// <inheritdoc />
    public DbConnection OpenConnection() => _dataSource.OpenConnection();

    /// <inheritdoc />
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
