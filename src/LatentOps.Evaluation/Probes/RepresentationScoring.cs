using LatentOps.Evaluation.Metrics;

namespace LatentOps.Evaluation.Probes;

/// <summary>
/// One-number scores of an embedding for tuning and model selection (higher is better): the linear
/// probe's held-out primary metric, and RankMe. Plain functions on float arrays, so a tuner's scorer
/// interface can wrap them in one line.
/// </summary>
public static class RepresentationScoring
{
    /// <summary>
    /// Fits the linear probe on the training embeddings and returns its primary metric on the validation
    /// embeddings: ROC-AUC for two classes, macro F1 for more.
    /// </summary>
    public static double LinearProbeScore(float[][] trainEmbeddings, int[] trainLabels, float[][] validationEmbeddings, int[] validationLabels, IReadOnlyList<string> classNames, LinearProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var model = LinearProbe.Fit(trainEmbeddings, trainLabels, classNames.Count, options);
        var set = ProbeSuite.ToPredictionSet(model.PredictProbabilities(validationEmbeddings), validationLabels, classNames);
        return MetricCatalog.Primary(set.Task).Compute(set);
    }

    /// <summary>RankMe of the embeddings (label-free; higher means more dimensions in use).</summary>
    public static double RankMeScore(float[][] embeddings) => RepresentationQuality.RepresentationQualityAnalysis.RankMe(embeddings);
}
