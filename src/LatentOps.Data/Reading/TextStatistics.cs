namespace LatentOps.Data.Reading;

/// <summary>What <see cref="StringTypeInference"/> needs to know about a text column.</summary>
/// <param name="NonMissing">Values present.</param>
/// <param name="TotalLength">Their summed length in characters.</param>
/// <param name="WithSpace">Values containing a space, tab or newline (after trimming).</param>
/// <param name="Distinct">Distinct values.</param>
internal readonly record struct TextStatistics(long NonMissing, long TotalLength, long WithSpace, long Distinct);
