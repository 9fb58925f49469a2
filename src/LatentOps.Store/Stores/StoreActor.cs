namespace LatentOps.Store.Stores;

/// <summary>Who the stores record as the actor of a change: <c>LATENTOPS_ACTOR</c>, else the operating-system user.</summary>
public static class StoreActor
{
    /// <summary>The environment variable naming the actor (e.g. a CI job or service account).</summary>
    public const string EnvironmentVariable = "LATENTOPS_ACTOR";

    /// <summary>The actor for this process.</summary>
    public static string Current(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        return getEnvironment(EnvironmentVariable) is { Length: > 0 } named ? named : Environment.UserName is { Length: > 0 } user ? user : "unknown";
    }
}
