using LatentOps.Store.Database;
using LatentOps.Store.Workspaces;
using Npgsql;

namespace LatentOps.Store.Tests.Contract;

/// <summary>
/// A fresh store on one backend: a SQLite workspace in a temp folder, or a fresh schema on the
/// PostgreSQL server named by <c>LATENTOPS_TEST_POSTGRES</c> (skipped with a reason when unset).
/// </summary>
public sealed class StoreBackend : IDisposable
{
    public const string PostgresVariable = "LATENTOPS_TEST_POSTGRES";

    private readonly TempFolder _temp = new();
    private readonly string? _schema;
    private readonly string? _adminConnection;

    private StoreBackend(StoreDialect dialect)
    {
        Dialect = dialect;
        Root = Path.Combine(_temp.Path, ".latentops");
        if (dialect == StoreDialect.Postgres)
        {
            _adminConnection = Environment.GetEnvironmentVariable(PostgresVariable);
            _schema = "t_" + Guid.NewGuid().ToString("N");
            using var connection = new NpgsqlConnection(_adminConnection);
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            command.ExecuteNonQuery();
            ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection) { SearchPath = _schema }.ConnectionString;
        }
    }

    public StoreDialect Dialect { get; }

    public string Root { get; }

    /// <summary>The LATENTOPS_STORE value for this backend (null for SQLite).</summary>
    public string? ConnectionString { get; }

    public static StoreBackend Create(StoreDialect dialect)
    {
        if (dialect == StoreDialect.Postgres)
        {
            Assert.SkipWhen(string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)),
                $"{PostgresVariable} is not set: the PostgreSQL half of the store contract runs in CI (.ci/run starts a server).");
        }

        return new StoreBackend(dialect);
    }

    public Workspace Open() => Workspace.Open(Root, ConnectionString);

    /// <summary>Runs raw SQL as a user with database access would (to tamper with the audit log).</summary>
    public void Execute(Workspace workspace, string sql)
    {
        using var connection = workspace.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (_schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_adminConnection);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            command.ExecuteNonQuery();
        }

        _temp.Dispose();
    }
}
