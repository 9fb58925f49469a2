namespace LatentOps.Data.Reading;

/// <summary>The file formats <see cref="TableReader"/> reads. Each may be gzip-compressed (detected from the content).</summary>
public enum TableFormat
{
    /// <summary>Decide from the file name (<c>.csv</c>, <c>.tsv</c>, <c>.parquet</c>, <c>.jsonl</c>, <c>idx</c>), ignoring a trailing <c>.gz</c>.</summary>
    Auto,

    /// <summary>Delimited text (RFC 4180): quotes, embedded newlines, any delimiter (sniffed unless given).</summary>
    Csv,

    /// <summary>Apache Parquet.</summary>
    Parquet,

    /// <summary>One JSON object per line (JSON Lines / NDJSON).</summary>
    JsonLines,

    /// <summary>IDX images or labels (the MNIST / Fashion-MNIST format).</summary>
    Idx,
}
