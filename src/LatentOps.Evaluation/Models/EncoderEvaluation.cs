using LatentOps.Core.Errors;
using LatentOps.Learning.Encoders;

namespace LatentOps.Evaluation.Models;

/// <summary>What every encoder family's evaluation adapter shares: the head check, the label and the embedding rows.</summary>
internal static class EncoderEvaluation
{
    /// <summary>
    /// The evaluation view every encoder with a classification head has: probabilities from the head and
    /// embeddings from the encoder, and the family's own raw-feature baseline and (where it has them) input gradients.
    /// </summary>
    /// <exception cref="LatentOpsException"><c>InvalidState</c> (with <paramref name="noHeadMessage"/>) without a head; <c>InvalidInput</c> without a label column.</exception>
    public static ModelUnderEvaluation For(IEncoderModel model, string? labelColumn, string noHeadMessage, Func<Core.Tables.Table, float[][]> rawFeatures,
        Func<Core.Tables.Table, float[][]>? encodeInputs = null, Robustness.IDifferentiableClassifier? differentiable = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var classes = model.Classes ?? throw LatentOpsException.InvalidState(noHeadMessage);
        var label = labelColumn ?? model.LabelColumn
            ?? throw LatentOpsException.InvalidInput("The model does not record its label column: pass --label COL.");
        return new ModelUnderEvaluation
        {
            LabelColumn = label,
            ClassNames = classes,
            PredictProbabilities = table => Array.ConvertAll(model.PredictProbabilities(table), p => (double)p),
            Embed = table => Rows(model.Embed(table)),
            RawFeatures = rawFeatures,
            EncodeInputs = encodeInputs,
            Differentiable = differentiable,
        };
    }

    private static float[][] Rows(Embeddings embeddings)
    {
        var rows = new float[embeddings.Rows][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = embeddings.Row(r).ToArray();
        }

        return rows;
    }
}
