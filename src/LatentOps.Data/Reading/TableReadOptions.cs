using System.Globalization;
using LatentOps.Core.Errors;
using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>
/// How <see cref="TableReader"/> reads a file. Every property has a default that suits ordinary files;
/// <see cref="Validate"/> is called once by the reader and names any bad value and the allowed range.
/// </summary>
public sealed class TableReadOptions
{
    /// <summary>The cell texts read as missing values (compared exactly, after trimming spaces).</summary>
    public static IReadOnlyList<string> DefaultMissingValues { get; } =
        ["", "NA", "N/A", "n/a", "na", "NaN", "nan", "NAN", "?", "null", "NULL", "Null", "#N/A"];

    /// <summary>The file format. <value>The default is <see cref="TableFormat.Auto"/> (from the file name).</value></summary>
    public TableFormat Format { get; set; } = TableFormat.Auto;

    /// <summary>The CSV delimiter. <value>The default is null: sniffed from the first lines among ',', ';', tab and '|'.</value></summary>
    public char? Delimiter { get; set; }

    /// <summary>Cell texts that mean "missing". <value>The default is <see cref="DefaultMissingValues"/>.</value></summary>
    public IReadOnlyList<string> MissingValues { get; set; } = DefaultMissingValues;

    /// <summary>Column types that override inference (column name to type). <value>The default is none.</value></summary>
    public IReadOnlyDictionary<string, ColumnType>? Schema { get; set; }

    /// <summary>The label column: must exist; text labels are read as categorical. <value>The default is null (none).</value></summary>
    public string? LabelColumn { get; set; }

    /// <summary>The time column: must exist and hold dates or numbers. <value>The default is null (none).</value></summary>
    public string? TimeColumn { get; set; }

    /// <summary>The identifier column: must exist; read as <see cref="ColumnType.Identifier"/>. <value>The default is null (none).</value></summary>
    public string? IdColumn { get; set; }

    /// <summary>
    /// The longest field accepted, in characters; longer fields are refused as malformed input (a runaway
    /// quote or a binary file). <value>The default is 4,194,304 (4 Mi characters); allowed 1 to 1,073,741,824.</value>
    /// </summary>
    public int MaxFieldLength { get; set; } = 4 * 1024 * 1024;

    /// <summary>For IDX images: the labels file to join as a <c>label</c> column. <value>The default is null: a sibling
    /// file named like the images file with <c>labels-idx1</c> in place of <c>images-idx3</c> is used when present.</value></summary>
    public string? IdxLabelsPath { get; set; }

    /// <summary>Throws <see cref="ErrorCode.InvalidInput"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (MaxFieldLength is < 1 or > 1 << 30)
        {
            throw LatentOpsException.InvalidInput(string.Create(CultureInfo.InvariantCulture,
                $"MaxFieldLength {MaxFieldLength} is out of range: allowed 1 to {1 << 30}."));
        }

        if (Delimiter is { } d && (d is '"' or '\r' or '\n' || char.IsLetterOrDigit(d)))
        {
            throw LatentOpsException.InvalidInput($"The delimiter '{d}' cannot be used: choose a character that is not a quote, a newline, a letter or a digit (e.g. ',', ';', '\\t', '|').");
        }

        if (MissingValues is null)
        {
            throw LatentOpsException.InvalidInput("MissingValues must be a list (it may be empty).");
        }

        if (!Enum.IsDefined(Format))
        {
            throw LatentOpsException.InvalidInput($"Format {Format} is not one of {string.Join(", ", Enum.GetNames<TableFormat>())}.");
        }
    }
}
