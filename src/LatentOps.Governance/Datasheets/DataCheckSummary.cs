using LatentOps.Data.Checks;

namespace LatentOps.Governance.Datasheets;

/// <summary>The data-check findings on one dataset version, counted by severity.</summary>
/// <param name="Dataset">The version checked, <c>NAME:VERSION</c>.</param>
/// <param name="ComparedWith">The other side of its split used for leakage checks, when it has one.</param>
/// <param name="Errors">Findings of severity error.</param>
/// <param name="Warnings">Findings of severity warning.</param>
/// <param name="Infos">Findings worth knowing.</param>
/// <param name="PersonalData">Findings of personal data (e-mails, phones, cards, IBANs, IPs).</param>
/// <param name="Findings">Every finding, errors first, each explained in plain words.</param>
public sealed record DataCheckSummary(string Dataset, string? ComparedWith, int Errors, int Warnings, int Infos, int PersonalData, IReadOnlyList<DataFinding> Findings);
