using LatentOps.Store.Audit;
using LatentOps.Store.Features;
using LatentOps.Store.Registry;
using LatentOps.Store.Requests;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;

namespace LatentOps.Store.Stores;

/// <summary>The stores of a workspace, on whichever backend its metadata database is (SQLite or PostgreSQL).</summary>
public static class WorkspaceStores
{
    /// <summary>The tracking store; changes are recorded as done by <paramref name="actor"/> (default <see cref="StoreActor.Current"/>).</summary>
    public static ITrackingStore Tracking(this Workspace workspace, string? actor = null) =>
        new TrackingStore(Check(workspace).Database, actor ?? StoreActor.Current());

    /// <summary>The model registry.</summary>
    public static IModelRegistry Registry(this Workspace workspace, string? actor = null) =>
        new ModelRegistry(Check(workspace).Database, actor ?? StoreActor.Current());

    /// <summary>The embedding feature store (offline Parquet in the workspace's artifacts, online in the database).</summary>
    public static IFeatureStore Features(this Workspace workspace, string? actor = null) =>
        new FeatureStore(Check(workspace).Database, workspace.Artifacts, actor ?? StoreActor.Current());

    /// <summary>The audit log.</summary>
    public static IAuditLog Audit(this Workspace workspace) => new AuditLog(Check(workspace).Database);

    /// <summary>The request log and feedback labels (written by the server, read by monitoring).</summary>
    public static RequestLog Requests(this Workspace workspace) => new(Check(workspace).Database);

    /// <summary>The promotion gates from the workspace's <c>config.json</c>.</summary>
    public static PromotionGates PromotionGates(this Workspace workspace) => LatentOps.Store.Registry.PromotionGates.Load(Check(workspace).Root);

    private static Workspace Check(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return workspace;
    }
}
