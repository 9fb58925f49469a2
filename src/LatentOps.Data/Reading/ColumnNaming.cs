namespace LatentOps.Data.Reading;

/// <summary>Name-based hints used by type inference and checks.</summary>
public static class ColumnNaming
{
    /// <summary>True for names such as <c>id</c>, <c>Row ID</c>, <c>customer_id</c>, <c>orderId</c>, <c>uuid</c>, <c>key</c>.</summary>
    public static bool LooksLikeIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        var lower = trimmed.ToLowerInvariant();
        if (lower is "id" or "key" or "uuid" or "guid" or "index")
        {
            return true;
        }

        foreach (var suffix in (string[])["id", "key", "uuid", "guid"])
        {
            if (lower.Length > suffix.Length + 1 && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                var before = trimmed[^(suffix.Length + 1)];
                if (before is ' ' or '_' or '-' or '.' || (char.IsLower(before) && char.IsUpper(trimmed[^suffix.Length])))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
