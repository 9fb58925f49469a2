using LatentOps.Core.Errors;
using LatentOps.Store.Artifacts;
using LatentOps.Store.Database;

namespace LatentOps.Store.Workspaces;

/// <summary>
/// A LatentOps workspace: a folder (<c>.latentops/</c> by default) holding the metadata database
/// (<c>metadata.db</c>, SQLite) and the content-addressed <c>artifacts/</c> folder. Opening one
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

    private Workspace(string root, IMetadataDatabase database)
    {
        Root = root;
        Database = database;
        Artifacts = new ArtifactStore(Path.Combine(root, "artifacts"));
    }

    /// <summary>The workspace folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The metadata database.</summary>
    public IMetadataDatabase Database { get; }

    /// <summary>The SQLite metadata file of the embedded store.</summary>
    public string DatabasePath => Path.Combine(Root, DatabaseFileName);

    /// <summary>The content-addressed artifact store.</summary>
    public ArtifactStore Artifacts { get; }

    /// <summary>The schema version of the metadata database after opening.</summary>
    public int SchemaVersion => Database.SchemaVersion;

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

    /// <summary>Opens the workspace at <paramref name="root"/> on the embedded SQLite store, creating and migrating it as needed.</summary>
    /// <exception cref="LatentOpsException">The folder cannot be used, or the database is corrupt or newer than this build.</exception>
    public static Workspace Open(string root) => Open(root, storeConnectionString: null);

    /// <summary>
    /// Opens the workspace at <paramref name="root"/> (artifacts live there); the metadata is on
    /// PostgreSQL when <paramref name="storeConnectionString"/> is given (the value of <c>LATENTOPS_STORE</c>),
    /// else in the workspace's SQLite file.
    /// </summary>
    /// <exception cref="LatentOpsException">The folder or store cannot be used, or its schema is corrupt or newer than this build.</exception>
    public static Workspace Open(string root, string? storeConnectionString)
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

        return new Workspace(root, MetadataDatabases.Open(Path.Combine(root, DatabaseFileName), storeConnectionString));
    }
}
