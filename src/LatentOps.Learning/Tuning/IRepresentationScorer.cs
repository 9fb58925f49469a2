namespace LatentOps.Learning.Tuning;

/// <summary>
/// The tuner's objective: scores the embeddings of a validation set (higher is better). With labels a
/// scorer is typically a validation linear probe; without, a label-free score such as RankMe. The
/// evaluation layer implements it; Learning only defines the seam.
/// </summary>
public interface IRepresentationScorer
{
    /// <summary>A short name recorded with the result, e.g. "linearProbeScore" or "rankMeScore".</summary>
    string Name { get; }

    /// <summary>Scores <paramref name="input"/>; higher is better.</summary>
    double Score(RepresentationScoringInput input);
}
