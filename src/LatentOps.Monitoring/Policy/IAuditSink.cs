namespace LatentOps.Monitoring.Policy;

/// <summary>Where each step of the loop is recorded (the workspace audit log in the CLI).</summary>
public interface IAuditSink
{
    /// <summary>Records one step: an action name (e.g. <c>monitor.decision</c>), the model, a reason and extra facts.</summary>
    Task RecordAsync(string action, string model, string reason, IReadOnlyDictionary<string, string> details, CancellationToken cancellationToken);
}
