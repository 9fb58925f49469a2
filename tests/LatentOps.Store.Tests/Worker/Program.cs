using System.Globalization;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

// A writer process for the store tests. Usage:
//   stress ROOT STORE RUN COUNT   register COUNT versions of 'churn' from RUN and log 5 metric points after each;
//                                 prints each version number on its own line
//   churn  ROOT STORE RUN         loop forever: register a version, promote it to 'champion' (no gates),
//                                 every third time roll back; prints one line per completed operation
// STORE is a PostgreSQL connection string, or '-' for the workspace's SQLite file.
var mode = args[0];
var workspace = Workspace.Open(args[1], args[2] == "-" ? null : args[2]);
var runId = args[3];
var registry = workspace.Registry("worker-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
var tracking = workspace.Tracking("worker-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
try
{
    if (mode == "stress")
    {
        var count = int.Parse(args[4], CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var version = await registry.RegisterAsync("churn", runId);
            var now = DateTimeOffset.UtcNow;
            await tracking.LogMetricsAsync(runId, [.. Enumerable.Range(0, 5).Select(s => new MetricPoint("trainLoss", 1.0 / (s + 1), (version.Version * 10) + s, now))]);
            Console.Out.WriteLine(version.Version.ToString(CultureInfo.InvariantCulture));
        }

        return 0;
    }

    for (var i = 0; ; i++)
    {
        var version = await registry.RegisterAsync("churn", runId);
        Console.Out.WriteLine($"registered {version.Version}");
        await registry.PromoteAsync(new PromotionRequest("churn", version.Version), PromotionGates.None);
        Console.Out.WriteLine($"promoted {version.Version}");
        if (i % 3 == 2)
        {
            var move = await registry.RollbackAsync("churn");
            Console.Out.WriteLine($"rolled back to {move.ToVersion}");
        }
    }
}
catch (LatentOps.Core.Errors.LatentOpsException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
