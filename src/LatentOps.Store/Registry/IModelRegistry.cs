using LatentOps.Core.References;

namespace LatentOps.Store.Registry;

/// <summary>
/// The model registry: versions created from a run's model package, aliases (<c>champion</c>, ...),
/// promotion through gates, rollback, alias history and lineage. Every change is one transaction
/// together with its audit entry.
/// </summary>
public interface IModelRegistry
{
    /// <summary>
    /// Registers the next version of <paramref name="name"/> (created when new) from the artifact
    /// <paramref name="artifactPath"/> of run <paramref name="runId"/> (its hash is recorded).
    /// </summary>
    Task<ModelVersion> RegisterAsync(string name, string runId, string artifactPath = "model", CancellationToken cancellationToken = default);

    /// <summary>All registered models, by name.</summary>
    Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>A model with its versions (<c>NotFound</c> when unknown).</summary>
    Task<ModelDetails> GetModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The version a reference (<c>NAME:VERSION</c> or <c>NAME@ALIAS</c>) points at.</summary>
    Task<ModelVersion> ResolveAsync(ModelRef reference, CancellationToken cancellationToken = default);

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/> without gates (kind <c>set</c>).</summary>
    Task<AliasMove> SetAliasAsync(string name, string alias, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the alias to the candidate when it passes <paramref name="gates"/> (or when forced with a
    /// reason); records the refusal in the audit log otherwise.
    /// </summary>
    Task<PromotionResult> PromoteAsync(PromotionRequest request, PromotionGates gates, CancellationToken cancellationToken = default);

    /// <summary>Moves the alias back to its previous holder (undoing the last set, promote or force).</summary>
    Task<AliasMove> RollbackAsync(string name, string alias = "champion", CancellationToken cancellationToken = default);

    /// <summary>The alias moves of a model, oldest first; one alias when <paramref name="alias"/> is given.</summary>
    Task<IReadOnlyList<AliasMove>> GetAliasHistoryAsync(string name, string? alias = null, CancellationToken cancellationToken = default);

    /// <summary>Where a version came from: run, parameters, metrics, data versions and artifacts.</summary>
    Task<ModelLineage> GetLineageAsync(string name, int version, CancellationToken cancellationToken = default);
}
