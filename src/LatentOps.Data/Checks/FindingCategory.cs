namespace LatentOps.Data.Checks;

/// <summary>The family a <see cref="DataFinding"/> belongs to.</summary>
public enum FindingCategory
{
    /// <summary>Information from the test set or the label reaching training (duplicates, proxies, identifiers, time overlap).</summary>
    Leakage,

    /// <summary>The data contradicts itself (mixed types, constant columns, conflicting labels, duplicates).</summary>
    Integrity,

    /// <summary>Classes of very different sizes.</summary>
    Imbalance,

    /// <summary>The data does not look like the population it should stand for (a reference dataset).</summary>
    Representativeness,

    /// <summary>Personal data (e-mail addresses, phone numbers, payment cards, IBANs, IP addresses).</summary>
    Pii,
}
