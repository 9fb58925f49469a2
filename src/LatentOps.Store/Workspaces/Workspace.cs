using LatentOps.Core.Errors;
using LatentOps.Store.Artifacts;
using Microsoft.Data.Sqlite;

namespace LatentOps.Store.Workspaces;

/// <summary>
/// A LatentOps workspace: a folder (<c>.latentops/</c> by default) holding the SQLite metadata
/// database <c>metadata.db</c> and the content-addressed <c>artifacts/</c> folder. Opening one
/// creates it when missing and migrates its schema; both are idempotent and safe across processes.
/// </summary>
public sealed class Workspace
{
    /// <summary>The folder name used when no workspace is given.</summary>
    public const string DefaultFolderName = ".latentops";

    /// <summary>The environment variable that names the workspace folder.</summary>
    public const string EnvironmentVariable = "LATENTOPS_WORKSPACE";

    /// <summary>The metadata database file name inside the workspace.</summary>
    public const string DatabaseFileName = "metadata.db";

    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;

    private readonly string _connectionString;

    private Workspace(string root)
    {
        Root = root;
        DatabasePath = Path.Combine(root, DatabaseFileName);
        Artifacts = new ArtifactStore(Path.Combine(root, "artifacts"));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The workspace folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The SQLite metadata database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The content-addressed artifact store.</summary>
    public ArtifactStore Artifacts { get; }

    /// <summary>The schema version of the metadata database after opening.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>
    /// Chooses the workspace folder: the explicit path if given, else <c>LATENTOPS_WORKSPACE</c>,
    /// else <c>.latentops</c> in <paramref name="currentDirectory"/>.
    /// </summary>
    public static string ResolveRoot(string? explicitPath, string currentDirectory, Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        var chosen = !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
            : getEnvironment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultFolderName;
        return Path.GetFullPath(chosen, currentDirectory);
    }

    /// <summary>Opens the workspace at <paramref name="root"/>, creating and migrating it as needed.</summary>
    /// <exception cref="LatentOpsException">The folder cannot be used, or the database is corrupt or newer than this build.</exception>
    public static Workspace Open(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        root = Path.GetFullPath(root);
        if (File.Exists(root))
        {
            throw LatentOpsException.InvalidInput($"The workspace path '{root}' is a file; a workspace is a folder. Pass another --workspace.");
        }

        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LatentOpsException.InvalidInput($"Cannot create the workspace folder '{root}': {ex.Message}", ex);
        }

        var workspace = new Workspace(root);
        workspace.Initialise();
        return workspace;
    }

    /// <summary>Opens a connection to the metadata database with the workspace's settings applied.</summary>
    public SqliteConnection OpenConnection()
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
            using var connection = OpenConnection();
            using (var wal = connection.CreateCommand())
            {
                // WAL lets readers (the server, the dashboard) run beside one writer. The mode is
                // stored in the file, so this is a no-op after the first open.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            SqliteMigrator.Migrate(connection, DatabasePath);
            SchemaVersion = SqliteMigrator.ReadVersion(connection);
            using var info = connection.CreateCommand();
            info.CommandText = """
                INSERT OR IGNORE INTO workspace_info(key, value) VALUES ('id', $id);
                INSERT OR IGNORE INTO workspace_info(key, value) VALUES ('created_at', $now);
                """;
            info.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("N"));
            info.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
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
            $"The workspace database '{DatabasePath}' is corrupt or not a SQLite file ({ex.Message.TrimEnd('.')}). " +
            "Restore it from a backup, or point --workspace at another folder.", ex),
        _ => LatentOpsException.InvalidState($"The workspace database '{DatabasePath}' could not be used: {ex.Message}", ex),
    };
}
