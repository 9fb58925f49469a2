namespace LatentOps.Monitoring.Policy;

/// <summary>Moves the serving alias (implemented by the CLI over the registry; its gates may still refuse).</summary>
public interface IRegistryGate
{
    /// <summary>Points the alias at <paramref name="version"/> through the registry's gates; says which gates passed.</summary>
    Task<PromotionAttempt> PromoteAsync(string model, string alias, int version, CancellationToken cancellationToken);

    /// <summary>Points the alias back at <paramref name="version"/>.</summary>
    Task RollbackAsync(string model, string alias, int version, CancellationToken cancellationToken);
}
