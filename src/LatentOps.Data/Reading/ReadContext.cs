using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Data.Reading;

/// <summary>Where a reader is (file, data row, physical line), for messages that name the place of a problem.</summary>
internal sealed class ReadContext(string path)
{
    public string Path { get; } = path;

    public string FileName { get; } = System.IO.Path.GetFileName(path);

    /// <summary>1-based data row (the header is row 0).</summary>
    public long Row { get; set; }

    /// <summary>1-based physical line where the current row starts, or 0 when not known.</summary>
    public long Line { get; set; }

    public string Where(string? column = null)
    {
        var line = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $" (line {Line})") : string.Empty;
        var col = column is null ? string.Empty : $", column '{column}'";
        return string.Create(CultureInfo.InvariantCulture, $"'{Path}': row {Row}{line}{col}");
    }

    public LatentOpsException Error(string? column, string what) =>
        LatentOpsException.InvalidInput($"{Where(column)}: {what}");
}
