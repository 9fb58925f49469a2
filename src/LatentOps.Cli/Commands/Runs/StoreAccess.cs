using LatentOps.Cli.Infrastructure;
using LatentOps.Store.Audit;
using LatentOps.Store.Registry;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;

namespace LatentOps.Cli.Commands.Runs;

/// <summary>The workspace's stores for a command, with the actor taken from the command's environment.</summary>
internal static class StoreAccess
{
    public static string Actor(CommandContext context) => StoreActor.Current(context.Environment.GetEnvironmentVariable);

    public static ITrackingStore Tracking(CommandContext context) => context.Workspace.Tracking(Actor(context));

    public static IModelRegistry Registry(CommandContext context) => context.Workspace.Registry(Actor(context));

    public static IAuditLog Audit(CommandContext context) => context.Workspace.Audit();

    public static string Short(string runId) => runId.Length > 8 ? runId[..8] : runId;

    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
