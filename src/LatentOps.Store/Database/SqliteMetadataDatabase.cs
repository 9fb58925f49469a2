using System.Data.Common;
using LatentOps.Core.Errors;
using Microsoft.Data.Sqlite;

namespace LatentOps.Store.Database;

/// <summary>
/// The embedded metadata database: one SQLite file in WAL mode (readers run beside one writer),
/// migrated on open. Opening is idempotent and safe across processes.
/// </summary>
public sealed class SqliteMetadataDatabase : IMetadataDatabase
{
    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;

    private readonly string _connectionString;

    private SqliteMetadataDatabase(string path)
    {
        Location = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc />
    public StoreDialect Dialect => StoreDialect.Sqlite;

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public int SchemaVersion { get; private set; }

    /// <summary>Opens (creating if needed) and migrates the database file at <paramref name="path"/>.</summary>
    public static SqliteMetadataDatabase Open(string path)
    {
        var database = new SqliteMetadataDatabase(path);
        database.Initialise();
        return database;
    }

    /// <inheritdoc />
    public DbConnection OpenConnection() => OpenSqlite();

    /// <inheritdoc />
    public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<DbConnection>(OpenSqlite());

    /// <summary>Opens a connection typed as SQLite, for SQLite-only code (migrations, tests).</summary>
    public SqliteConnection OpenSqlite()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Translate(ex);
        }
    }

    private void Initialise()
    {
        try
        {
            using var connection = OpenSqlite();
            using (var wal = connection.CreateCommand())
            {
                // The journal mode is stored in the file, so this is a no-op after the first open.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            SqliteMigrator.Migrate(connection, Location);
            SchemaVersion = SqliteMigrator.ReadVersion(connection);
            using var info = connection.CreateCommand();
            info.CommandText = """
                INSERT INTO workspace_info(key, value) VALUES ('id', @id) ON CONFLICT DO NOTHING;
                INSERT INTO workspace_info(key, value) VALUES ('created_at', @now) ON CONFLICT DO NOTHING;
                """;
            info.Parameters.AddWithValue("@id", Guid.NewGuid().ToString("N"));
            info.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToString("O"));
            info.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    private LatentOpsException Translate(SqliteException ex) => ex.SqliteErrorCode switch
    {
        SqliteNotADatabase or SqliteCorrupt => LatentOpsException.InvalidState(
            $"The workspace database '{Location}' is corrupt or not a SQLite file ({ex.Message.TrimEnd('.')}). " +
            "Restore it from a backup, or point --workspace at another folder.", ex),
        _ => LatentOpsException.InvalidState($"The workspace database '{Location}' could not be used: {ex.Message}", ex),
    };
}
