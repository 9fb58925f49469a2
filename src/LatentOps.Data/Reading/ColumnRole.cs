namespace LatentOps.Data.Reading;

/// <summary>The role the user gave a column at ingest (changes how its type is inferred).</summary>
internal enum ColumnRole
{
    Feature,
    Label,
    Time,
    Identifier,
}
