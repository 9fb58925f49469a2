namespace LatentOps.Store.Keys;

/// <summary>
/// What a key may do. Scopes are ordered: a key may do what its scope and every lower one allow
/// (admin includes predict, predict includes read).
/// </summary>
public enum ApiKeyScope
{
    /// <summary>View models, datasets, reports, metrics and the dashboard.</summary>
    Read = 0,

    /// <summary>Also embed, predict, search similar items and send feedback.</summary>
    Predict = 1,

    /// <summary>Also change state: promote, roll back, upload data, manage keys.</summary>
    Admin = 2,
}
