using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>Decides whether a text column is categorical, free text or an identifier.</summary>
internal static class StringTypeInference
{
    /// <summary>Rows needed before a column without an id-like name is called an identifier for being unique.</summary>
    public const int MinRowsForUniqueIdentifier = 50;

    /// <summary>True when a value counts as containing spaces (free-text evidence).</summary>
    public static bool HasSpace(string value) => value.AsSpan().Trim().ContainsAny(' ', '\n', '\t');

    public static ColumnType Infer(string name, TextStatistics statistics)
    {
        var (nonMissing, totalLength, withSpace, distinct) = statistics;
        if (nonMissing == 0)
        {
            return ColumnType.Categorical;
        }

        var averageLength = (double)totalLength / nonMissing;
        var spaceShare = (double)withSpace / nonMissing;
        var uniqueShare = (double)distinct / nonMissing;
        var unique = distinct == nonMissing;

        if (unique && nonMissing >= 2 && ColumnNaming.LooksLikeIdentifier(name))
        {
            return ColumnType.Identifier;
        }

        if (averageLength >= 20 && spaceShare >= 0.5 && (uniqueShare >= 0.5 || averageLength >= 60))
        {
            return ColumnType.Text;
        }

        if (unique && nonMissing >= MinRowsForUniqueIdentifier && spaceShare < 0.05 && averageLength <= 64)
        {
            return ColumnType.Identifier;
        }

        return ColumnType.Categorical;
    }
}
