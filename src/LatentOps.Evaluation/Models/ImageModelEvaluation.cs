using LatentOps.Core.Errors;
using LatentOps.Learning.Images;

namespace LatentOps.Evaluation.Models;

/// <summary>
/// Adapts a LatentOps.Learning <see cref="ImageEncoderModel"/> with a classification head to a
/// <see cref="ModelUnderEvaluation"/>: probabilities from the head, embeddings from the CNN, and the
/// scaled pixels as the raw-feature baseline of the probes. No gradient-sign attack (it is defined
/// for the tabular models' encoded inputs).
/// </summary>
public static class ImageModelEvaluation
{
    /// <summary>The image model as evaluation sees it.</summary>
    /// <param name="model">A fitted image model with a classification head.</param>
    /// <param name="labelColumn">The label column of the evaluation tables; default: the column the head was trained on.</param>
    /// <exception cref="LatentOpsException"><c>InvalidState</c> when the model has no classification head; <c>InvalidInput</c> without a label column.</exception>
    public static ModelUnderEvaluation For(ImageEncoderModel model, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return EncoderEvaluation.For(
            model,
            labelColumn,
            "The image model has no classification head (it was trained self-supervised with simclr), so it makes no predictions to evaluate; fine-tune it first: latentops train DATA --objective supervised --label COL --from RUN.",
            table => Rows(model.Images(table)));
    }

    private static float[][] Rows(ImageSet images)
    {
        var size = images.Height * images.Width;
        var rows = new float[images.Count][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = images.Pixels.AsSpan(r * size, size).ToArray();
        }

        return rows;
    }
}
