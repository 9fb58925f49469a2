using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>Decides whether a text column is categorical, free text or an identifier.</summary>
internal static class StringTypeInference
{
    /// <summary>Rows needed before a column without an id-like name is called an identifier for being unique.</summary>
    public const int MinRowsForUniqueIdentifier = 50;

    public static ColumnType Infer(string name, string?[] values, StringPool pool)
    {
        long nonMissing = 0, totalLength = 0, withSpace = 0;
        foreach (var v in values)
        {
            if (v is null)
            {
                continue;
            }

            nonMissing++;
            totalLength += v.Length;
            if (v.AsSpan().Trim().ContainsAny(' ', '\n', '\t'))
            {
                withSpace++;
            }
        }

        if (nonMissing == 0)
        {
            return ColumnType.Categorical;
        }

        var distinct = pool.Saturated ? values.Where(v => v is not null).Distinct(StringComparer.Ordinal).LongCount() : pool.Count;
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
