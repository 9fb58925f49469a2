using System.Text.Json;
using LatentOps.Cli.Tests.Commands.Runs;
using Microsoft.Data.Sqlite;

namespace LatentOps.Cli.Tests.Commands.Audit;

public sealed class AuditCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_AfterRegistration_ShowsActorActionAndSubject()
    {
        _cli.Environment["LATENTOPS_ACTOR"] = "carol";
        var run = await TrackedWorkspace.TrainedRunAsync(_cli, "good", 0.84, 0.02);
        await _cli.RunAsync("models", "register", run, "--name", "churn");

        var result = await _cli.RunAsync("audit", "list", "--action", "model.", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        var entry = Assert.Single(document.RootElement.GetProperty("entries").EnumerateArray());
        Assert.Equal(("carol", "model.register", "churn:1"), (entry.GetProperty("actor").GetString(), entry.GetProperty("action").GetString(), entry.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Verify_RowEditedByHandInSqlite_Exits1NamingTheEntry()
    {
        var run = await TrackedWorkspace.TrainedRunAsync(_cli, "good", 0.84, 0.02);
        await _cli.RunAsync("models", "register", run, "--name", "churn");
        Assert.Equal(0, (await _cli.RunAsync("audit", "verify")).ExitCode);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_cli.Folder, ".latentops", "metadata.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET subject = 'churn:7' WHERE action = 'model.register';";
            command.ExecuteNonQuery();
        }

        var result = await _cli.RunAsync("audit", "verify", "--json");

        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.False(document.RootElement.GetProperty("intact").GetBoolean());
        Assert.Equal("edited", document.RootElement.GetProperty("problems")[0].GetProperty("kind").GetString());
        Assert.Contains("tampered", result.Error, StringComparison.Ordinal);
    }
}
