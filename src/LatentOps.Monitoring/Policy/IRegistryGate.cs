namespace LatentOps.Monitoring.Policy;

/// <summary>Moves the serving alias (implemented by the CLI over the registry; its gates may still refuse).</summary>
public interface IRegistryGate
{
    /// <summary>Points the alias at <paramref name="version"/>; returns false with a reason when a registry gate refuses.</summary>
    Task<(bool Promoted, string Reason)> PromoteAsync(string model, string alias, int version, CancellationToken cancellationToken);

    /// <summary>Points the alias back at <paramref name="version"/>.</summary>
    Task RollbackAsync(string model, string alias, int version, CancellationToken cancellationToken);
}
