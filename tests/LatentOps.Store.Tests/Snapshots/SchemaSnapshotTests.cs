using System.Runtime.CompilerServices;
using System.Text;
using LatentOps.Store.Database;
using LatentOps.Store.Tests.Contract;
using Npgsql;

namespace LatentOps.Store.Tests.Snapshots;

/// <summary>
/// The schema each backend has after all migrations, compared with the committed snapshot
/// (<c>Snapshots/sqlite.sql</c>, <c>Snapshots/postgres.sql</c>). A migration that changes the schema
/// must update the snapshot in the same commit: rerun with <c>LATENTOPS_UPDATE_SNAPSHOTS=1</c> and
/// review the diff.
/// </summary>
public sealed class SchemaSnapshotTests
{
    [Fact]
    public void SqliteSchema_AfterMigrations_MatchesCommittedSnapshot()
    {
        using var backend = StoreBackend.Create(StoreDialect.Sqlite);
        var workspace = backend.Open();
        using var connection = workspace.Database.OpenConnection();
        var text = new StringBuilder();
        text.Append("-- schema version ").Append(workspace.SchemaVersion).Append('\n');
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                text.Append(reader.GetString(0).Trim()).Append(";\n\n");
            }
        }

        AssertSnapshot("sqlite.sql", text.ToString());
    }

    [Fact]
    public void PostgresSchema_AfterMigrations_MatchesCommittedSnapshot()
    {
        using var backend = StoreBackend.Create(StoreDialect.Postgres);
        var workspace = backend.Open();
        using var connection = (NpgsqlConnection)workspace.Database.OpenConnection();
        var text = new StringBuilder();
        text.Append("-- schema version ").Append(workspace.SchemaVersion).Append('\n');
        Append(connection, text, "-- columns: table.column type nullable default",
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || CASE WHEN is_nullable = 'YES' THEN ' NULL' ELSE ' NOT NULL' END ||
                   CASE WHEN is_identity = 'YES' THEN ' IDENTITY' WHEN column_default IS NOT NULL THEN ' DEFAULT ' || column_default ELSE '' END
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """);
        Append(connection, text, "-- constraints",
            """
            SELECT c.conrelid::regclass::text || ' ' || c.contype::text || ' ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() ORDER BY 1
            """);
        Append(connection, text, "-- indexes",
            "SELECT replace(indexdef, current_schema() || '.', '') FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname");
        Append(connection, text, "-- triggers",
            "SELECT event_object_table || ' ' || trigger_name || ' ' || action_timing || ' ' || event_manipulation FROM information_schema.triggers WHERE trigger_schema = current_schema() ORDER BY 1");
        AssertSnapshot("postgres.sql", text.ToString());
    }

    private static void Append(NpgsqlConnection connection, StringBuilder text, string title, string sql)
    {
        text.Append('\n').Append(title).Append('\n');
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            text.Append(reader.GetString(0)).Append('\n');
        }
    }

    private static void AssertSnapshot(string name, string actual, [CallerFilePath] string sourceFile = "")
    {
        var committed = Path.Combine(Path.GetDirectoryName(sourceFile)!, name);
        if (Environment.GetEnvironmentVariable("LATENTOPS_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(committed, actual);
        }

        var copied = Path.Combine(AppContext.BaseDirectory, "Snapshots", name);
        var expected = File.Exists(committed) ? File.ReadAllText(committed) : File.ReadAllText(copied);
        Assert.True(expected.ReplaceLineEndings("\n") == actual,
            $"The {name} schema produced by the migrations differs from the committed snapshot tests/LatentOps.Store.Tests/Snapshots/{name}. " +
            "If the change is intended, rerun the tests with LATENTOPS_UPDATE_SNAPSHOTS=1 and commit the updated snapshot with the migration.\n--- actual ---\n" + actual);
    }
}
