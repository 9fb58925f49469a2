using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using System.Text;

namespace LatentOps.Serving.Inference;

/// <summary>
/// Turns the <c>rows</c> of a request (JSON objects by column name) into a <see cref="Table"/> typed as
/// the model's signature says, checking every field: a missing required field, a wrong type, a
/// non-finite number, an unparseable date are collected (up to <see cref="MaxReportedErrors"/>) and
/// reported together by field path. Fields the model does not use are ignored. The checks are
/// <see cref="RequestEncoder"/>'s, the one reader of request rows (the server's hot path uses it on
/// the raw body directly).
/// </summary>
public static class RowBinder
{
    /// <summary>The most problems reported at once.</summary>
    public const int MaxReportedErrors = 20;

    /// <summary>Binds <paramref name="rows"/> (a JSON array of objects) to a table of <paramref name="inputs"/>.</summary>
    /// <exception cref="LatentOpsException">InvalidInput when <paramref name="rows"/> is not an array of 1..<paramref name="maxRows"/> objects.</exception>
    /// <exception cref="RowValidationException">Some fields do not fit the signature.</exception>
    public static Table Bind(JsonElement rows, IReadOnlyList<InputColumn> inputs, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (rows.ValueKind != JsonValueKind.Array)
        {
            throw LatentOpsException.InvalidInput($"'rows' must be a JSON array of objects (one per row); got {rows.ValueKind.ToString().ToLowerInvariant()}.");
        }

        return new RequestEncoder(inputs, preprocessor: null).EncodeRows(Encoding.UTF8.GetBytes(rows.GetRawText()), maxRows, keepRows: true).Rows!;
    }
}
