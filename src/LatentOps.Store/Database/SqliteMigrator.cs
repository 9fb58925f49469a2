using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Store.Migrations;
using Microsoft.Data.Sqlite;

namespace LatentOps.Store.Database;

/// <summary>
/// Brings a SQLite metadata database up to the schema this build knows. The applied version lives
/// in <c>PRAGMA user_version</c>, written in the same transaction as the migration, so a crash
/// leaves either the old or the new schema, never half of one.
/// </summary>
internal static class SqliteMigrator
{
    /// <summary>Applies pending migrations; returns how many were applied.</summary>
    public static int Migrate(SqliteConnection connection, string databasePath)
    {
        var migrations = MigrationCatalog.For("Sqlite");
        var latest = migrations.Count;
        var current = ReadVersion(connection);
        CheckNotNewer(current, latest, databasePath);
        if (current == latest)
        {
            return 0;
        }

        // BEGIN IMMEDIATE takes the write lock first, so two processes opening a fresh workspace
        // at once cannot both apply migration 1; the loser re-reads the version under the lock.
        using var transaction = connection.BeginTransaction(deferred: false);
        current = ReadVersion(connection, transaction);
        CheckNotNewer(current, latest, databasePath);
        var applied = 0;
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Version.ToString(CultureInfo.InvariantCulture)};";
            command.ExecuteNonQuery();
            applied++;
        }

        transaction.Commit();
        return applied;
    }

    /// <summary>The schema version recorded in the database (0 for a new file).</summary>
    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void CheckNotNewer(int current, int latest, string databasePath)
    {
        if (current > latest)
        {
            throw LatentOpsException.InvalidState(
                $"The workspace database '{databasePath}' has schema version {current}, newer than this LatentOps understands " +
                $"(up to {latest}). It was written by a newer release: upgrade latentops, or use another --workspace.");
        }
    }
}
