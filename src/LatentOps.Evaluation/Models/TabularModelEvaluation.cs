using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Evaluation.Robustness;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Evaluation.Models;

/// <summary>
/// Adapts a LatentOps.Learning <see cref="TabularEncoderModel"/> with a classification head to a
/// <see cref="ModelUnderEvaluation"/>: probabilities from the head, embeddings from the encoder, the
/// fitted preprocessing's encoding as the raw-feature baseline, and input gradients (TorchSharp
/// autograd) for the gradient-sign attack.
/// </summary>
public static class TabularModelEvaluation
{
    /// <summary>The model as evaluation sees it.</summary>
    /// <param name="model">A fitted model with a classification head.</param>
    /// <param name="labelColumn">The label column of the evaluation tables; default: the column the head was trained on.</param>
    /// <exception cref="LatentOpsException"><c>InvalidState</c> when the model has no classification head; <c>InvalidInput</c> without a label column.</exception>
    public static ModelUnderEvaluation For(TabularEncoderModel model, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return EncoderEvaluation.For(
            model,
            labelColumn,
            "The model has no classification head (it was trained self-supervised), so it makes no predictions to evaluate; fine-tune it first: latentops train DATA --objective supervised --from RUN.",
            table => RawFeatures(model.Preprocessor.Transform(table), model.Architecture.CategoryCardinalities),
            table => TabularModelClassifier.Inputs(model.Preprocessor.Transform(table)),
            new TabularModelClassifier(model));
    }

    /// <summary>The gradient-sign view of <paramref name="model"/> (numeric features, then category indices as inputs).</summary>
    public static IDifferentiableClassifier Differentiable(TabularEncoderModel model) => new TabularModelClassifier(Check(model));

    /// <summary>The inputs <see cref="Differentiable"/> takes for the rows of <paramref name="table"/>.</summary>
    public static float[][] EncodeInputs(TabularEncoderModel model, Table table) => TabularModelClassifier.Inputs(Check(model).Preprocessor.Transform(table));

    private static TabularEncoderModel Check(TabularEncoderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model;
    }

    /// <summary>The baseline's features: the standardised numbers and a one-hot of every category.</summary>
    private static float[][] RawFeatures(EncodedTable encoded, IReadOnlyList<int> cardinalities)
    {
        var width = encoded.NumericWidth + cardinalities.Sum();
        var rows = new float[encoded.Rows][];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new float[width];
            encoded.Numeric.AsSpan(r * encoded.NumericWidth, encoded.NumericWidth).CopyTo(row);
            var offset = encoded.NumericWidth;
            for (var c = 0; c < cardinalities.Count; c++)
            {
                var index = encoded.Categories[(r * encoded.CategoryCount) + c];
                if (index >= 0 && index < cardinalities[c])
                {
                    row[offset + (int)index] = 1;
                }

                offset += cardinalities[c];
            }

            rows[r] = row;
        }

        return rows;
    }
}
