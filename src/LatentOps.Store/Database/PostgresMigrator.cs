using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Store.Migrations;
using Npgsql;

namespace LatentOps.Store.Database;

/// <summary>
/// Brings a PostgreSQL schema up to this build. Applied versions are rows of <c>schema_migrations</c>,
/// written in the same transaction as the migration (PostgreSQL DDL is transactional), under a
/// transaction-scoped advisory lock keyed by the schema, so concurrent openers apply each step once.
/// </summary>
internal static class PostgresMigrator
{
    public static int Migrate(NpgsqlConnection connection, string location)
    {
        var migrations = MigrationCatalog.For("Postgres");
        using var transaction = connection.BeginTransaction();
        using (var setup = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(hashtext('latentops.migrate.' || current_schema()));
            CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
            """, connection, transaction))
        {
            setup.ExecuteNonQuery();
        }

        var current = ReadVersion(connection, transaction);
        if (current > migrations.Count)
        {
            throw LatentOpsException.InvalidState(
                $"The PostgreSQL store {location} has schema version {current}, newer than this LatentOps understands " +
                $"(up to {migrations.Count}). It was written by a newer release: upgrade latentops.");
        }

        var applied = 0;
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                command.ExecuteNonQuery();
            }

            using var record = new NpgsqlCommand("INSERT INTO schema_migrations(version, name, applied_at) VALUES (@v, @n, @t)", connection, transaction);
            record.Parameters.AddWithValue("v", migration.Version);
            record.Parameters.AddWithValue("n", migration.Name);
            record.Parameters.AddWithValue("t", StoreTime.Format(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
            applied++;
        }

        transaction.Commit();
        return applied;
    }

    public static int ReadVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        using var command = new NpgsqlCommand(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            connection,
            transaction);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
