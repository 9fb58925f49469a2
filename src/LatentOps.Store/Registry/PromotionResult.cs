namespace LatentOps.Store.Registry;

/// <summary>The outcome of a promotion: every gate's result and the alias move, if it happened.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">The candidate version.</param>
/// <param name="Alias">The alias asked for.</param>
/// <param name="Promoted">True when the alias now points at the candidate.</param>
/// <param name="Forced">True when gates failed and <c>force</c> overrode them.</param>
/// <param name="ChampionVersion">The version the alias pointed at before, if any.</param>
/// <param name="Gates">Each gate's result.</param>
/// <param name="Move">The recorded alias move, when promoted.</param>
public sealed record PromotionResult(string Model, int Version, string Alias, bool Promoted, bool Forced, int? ChampionVersion, IReadOnlyList<GateResult> Gates, AliasMove? Move);
