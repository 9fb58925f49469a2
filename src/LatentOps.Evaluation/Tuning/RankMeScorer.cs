using LatentOps.Evaluation.Probes;
using LatentOps.Learning.Tuning;

namespace LatentOps.Evaluation.Tuning;

/// <summary>RankMe (effective rank) of the validation embeddings: label-free, higher means more dimensions in use.</summary>
internal sealed class RankMeScorer : IRepresentationScorer
{
    public string Name => "rankMeScore";

    public double Score(RepresentationScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rows = new float[input.Validation.Rows][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = input.Validation.Row(r).ToArray();
        }

        return RepresentationScoring.RankMeScore(rows);
    }
}
