using LatentOps.Core.Errors;
using LatentOps.Store.Database;
using LatentOps.Store.Migrations;
using LatentOps.Store.Workspaces;
using Microsoft.Data.Sqlite;

namespace LatentOps.Store.Tests.Workspaces;

public sealed class WorkspaceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Root => Path.Combine(_temp.Path, ".latentops");

    [Fact]
    public void Open_NewFolder_CreatesDatabaseAndArtifacts()
    {
        var workspace = Workspace.Open(Root);

        Assert.True(File.Exists(workspace.DatabasePath));
        Assert.True(Directory.Exists(workspace.Artifacts.Root));
        Assert.Equal(MigrationCatalog.For("Sqlite").Count, workspace.SchemaVersion);
    }

    [Fact]
    public void Open_Twice_IsIdempotentAndKeepsWorkspaceId()
    {
        Workspace.Open(Root);
        var firstId = ReadWorkspaceId();

        var again = Workspace.Open(Root);

        Assert.Equal(firstId, ReadWorkspaceId());
        Assert.Equal(MigrationCatalog.For("Sqlite").Count, again.SchemaVersion);
    }

    [Fact]
    public void Open_Twice_RunsEachMigrationOnce()
    {
        var workspace = Workspace.Open(Root);
        using var connection = ((SqliteMetadataDatabase)workspace.Database).OpenSqlite();

        // A migration run twice would fail (CREATE TABLE without IF NOT EXISTS); the applied count proves it ran zero times.
        Assert.Equal(0, SqliteMigrator.Migrate(connection, workspace.DatabasePath));
        Assert.Equal(1, CountTables("workspace_info"));
    }

    [Fact]
    public async Task Open_ManyAtOnce_AllSucceedWithOneSchema()
    {
        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Workspace.Open(Root).SchemaVersion)));

        Assert.All(versions, v => Assert.Equal(MigrationCatalog.For("Sqlite").Count, v));
    }

    [Fact]
    public void Open_DatabaseFromNewerRelease_FailsWithInvalidStateNamingVersions()
    {
        var workspace = Workspace.Open(Root);
        using (var connection = workspace.Database.OpenConnection())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<LatentOpsException>(() => Workspace.Open(Root));

        Assert.Equal(ErrorCode.InvalidState, error.Code);
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade latentops", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CorruptDatabaseFile_FailsWithInvalidStateNamingTheFile()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, Workspace.DatabaseFileName), "this is not a sqlite database, just text that is long enough to have a header");

        var error = Assert.Throws<LatentOpsException>(() => Workspace.Open(Root));

        Assert.Equal(ErrorCode.InvalidState, error.Code);
        Assert.Contains(Workspace.DatabaseFileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PathIsAFile_FailsWithInvalidInput()
    {
        var file = Path.Combine(_temp.Path, "not-a-folder");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<LatentOpsException>(() => Workspace.Open(file));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
    }

    [Theory]
    [InlineData("explicit", "fromenv", "explicit")]
    [InlineData(null, "fromenv", "fromenv")]
    [InlineData(null, null, ".latentops")]
    public void ResolveRoot_Sources_ExplicitBeatsEnvironmentBeatsDefault(string? explicitPath, string? environment, string expected)
    {
        var resolved = Workspace.ResolveRoot(explicitPath, _temp.Path, name => name == Workspace.EnvironmentVariable ? environment : null);

        Assert.Equal(Path.Combine(_temp.Path, expected), resolved);
    }

    [Fact]
    public void Open_Database_UsesWriteAheadLog()
    {
        var workspace = Workspace.Open(Root);
        using var connection = workspace.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    private string? ReadWorkspaceId()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Root, Workspace.DatabaseFileName)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM workspace_info WHERE key = 'id';";
        return command.ExecuteScalar() as string;
    }

    private long CountTables(string name)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Root, Workspace.DatabaseFileName)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()!;
    }
}
