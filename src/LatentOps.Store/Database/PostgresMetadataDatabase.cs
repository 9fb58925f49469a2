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
        string normalised;
        try
        {
            normalised = PostgresConnectionString.Normalise(connectionString);
            builder = new NpgsqlConnectionStringBuilder(normalised);
        }
        catch (ArgumentException ex)
        {
            throw LatentOpsException.InvalidInput(
                $"LATENTOPS_STORE is not a PostgreSQL connection string ({ex.Message}). Use 'Host=H;Port=5432;Database=D;Username=U;Password=P' " +
                "or 'postgresql://user:password@host:port/database'.", ex);
        }

        // A busy machine (many processes starting at once) can take longer than Npgsql's 15 s default to connect.
        if (!System.Text.RegularExpressions.Regex.IsMatch(normalised, @"(^|;)\s*timeout\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            builder.Timeout = 60;
        }

        var location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}" +
            (string.IsNullOrEmpty(builder.SearchPath) ? string.Empty : $" (schema {builder.SearchPath})");
        var database = new PostgresMetadataDatabase(NpgsqlDataSource.Create(builder), location);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                database.Initialise(location);
                return database;
            }
            catch (NpgsqlException ex) when (attempt < 4 && (ex.IsTransient || StoreSql.IsTransient(ex)))
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(250 * attempt));
            }
            catch (NpgsqlException ex)
            {
                database._dataSource.Dispose();
                throw LatentOpsException.InvalidState($"The PostgreSQL store {location} could not be used: {ex.Message}", ex);
            }
        }
    }

    private void Initialise(string location)
    {
        using var connection = _dataSource.OpenConnection();
        PostgresMigrator.Migrate(connection, location);
        SchemaVersion = PostgresMigrator.ReadVersion(connection);
        using var info = connection.CreateCommand();
        info.CommandText = """
            INSERT INTO workspace_info(key, value) VALUES ('id', @id) ON CONFLICT DO NOTHING;
            INSERT INTO workspace_info(key, value) VALUES ('created_at', @now) ON CONFLICT DO NOTHING;
            """;
        info.Parameters.AddWithValue("id", Guid.NewGuid().ToString("N"));
        info.Parameters.AddWithValue("now", StoreTime.Format(DateTimeOffset.UtcNow));
        info.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public DbConnection OpenConnection() => _dataSource.OpenConnection();

    /// <inheritdoc />
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
