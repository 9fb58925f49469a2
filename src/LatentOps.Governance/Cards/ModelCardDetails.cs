using LatentOps.Learning.Packaging;

namespace LatentOps.Governance.Cards;

/// <summary>What the registry and the model package say about a version.</summary>
/// <param name="Name">The registered model name.</param>
/// <param name="Version">The version number.</param>
/// <param name="Aliases">Aliases pointing at this version now (e.g. <c>champion</c>).</param>
/// <param name="AllAliases">Every alias of the model and the version it points at.</param>
/// <param name="LatestVersion">The model's newest version number.</param>
/// <param name="Stage">In plain words: <c>champion</c> (or another alias) when an alias points here, <c>latest</c> when it is the newest version without alias, else <c>archived</c>.</param>
/// <param name="CreatedAt">When the version was registered (UTC).</param>
/// <param name="CreatedBy">Who registered it.</param>
/// <param name="PackageHash">SHA-256 of the model package.</param>
/// <param name="Objective">The training objective (scarf, dae, supervised, ...), from the package.</param>
/// <param name="LabelColumn">The label the model predicts, when it has a classification head.</param>
/// <param name="Classes">The classes it predicts, when it has a head.</param>
/// <param name="EmbeddingDimension">Size of the embedding it produces.</param>
/// <param name="Inputs">The input columns with their types (the signature).</param>
/// <param name="Outputs">What it returns (embedding, probabilities) with shapes.</param>
/// <param name="PackageProblem">Why the package could not be read, when it could not (the rest of the card is still filled).</param>
public sealed record ModelCardDetails(
    string Name,
    int Version,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, int> AllAliases,
    int LatestVersion,
    string Stage,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string PackageHash,
    string? Objective,
    string? LabelColumn,
    IReadOnlyList<string>? Classes,
    int? EmbeddingDimension,
    IReadOnlyList<SignatureInput> Inputs,
    IReadOnlyList<SignatureOutput> Outputs,
    string? PackageProblem);
