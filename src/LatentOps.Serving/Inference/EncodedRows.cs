using LatentOps.Core.Tables;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Serving.Inference;

/// <summary>The rows of one request after <see cref="RequestEncoder"/>: encoder input and, when asked for, the typed rows.</summary>
/// <param name="RowCount">The number of rows.</param>
/// <param name="Encoded">The rows preprocessed as the model's <see cref="FittedPreprocessor"/> would; null without a preprocessor.</param>
/// <param name="Rows">The rows typed as the signature says (for the request log); null unless asked for.</param>
/// <param name="UnknownCategories">Category values not in the training vocabulary, per column (only columns with some).</param>
/// <param name="Log">The rows as sent, for the request log; null unless asked for.</param>
internal sealed record EncodedRows(int RowCount, EncodedTable? Encoded, Table? Rows, IReadOnlyDictionary<string, int> UnknownCategories, LoggableRows? Log = null);
