using LatentOps.Learning.Encoders;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Evaluation.Robustness;

/// <summary>
/// A LatentOps.Learning tabular encoder with its classification head as an
/// <see cref="IDifferentiableClassifier"/>. An input row is the model's encoded row: the numeric
/// features (standardised by the fitted preprocessing) followed by the category indices as numbers.
/// Gradients come from TorchSharp autograd through encoder and head; the category part is discrete,
/// its gradient is 0, so a gradient-sign step never changes a category.
/// </summary>
internal sealed class TabularModelClassifier(TabularEncoderModel model) : IDifferentiableClassifier
{
    /// <summary>The encoded input rows of <paramref name="encoded"/>: numeric features, then category indices.</summary>
    public static float[][] Inputs(EncodedTable encoded)
    {
        var rows = new float[encoded.Rows][];
        for (var r = 0; r < encoded.Rows; r++)
        {
            var row = new float[encoded.NumericWidth + encoded.CategoryCount];
            encoded.Numeric.AsSpan(r * encoded.NumericWidth, encoded.NumericWidth).CopyTo(row);
            for (var c = 0; c < encoded.CategoryCount; c++)
            {
                row[encoded.NumericWidth + c] = encoded.Categories[(r * encoded.CategoryCount) + c];
            }

            rows[r] = row;
        }

        return rows;
    }

    public (double[] Probabilities, float[][] InputGradients) Forward(float[][] inputs, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        var numericWidth = model.Architecture.NumericInputs;
        var categoryCount = model.Architecture.CategoryCardinalities.Count;
        var numeric = new float[inputs.Length * numericWidth];
        var categories = new long[inputs.Length * categoryCount];
        for (var r = 0; r < inputs.Length; r++)
        {
            if (inputs[r].Length != numericWidth + categoryCount)
            {
                throw new ArgumentException($"Row {r} has {inputs[r].Length} inputs; the model takes {numericWidth} numeric features and {categoryCount} category indices.", nameof(inputs));
            }

            inputs[r].AsSpan(0, numericWidth).CopyTo(numeric.AsSpan(r * numericWidth));
            for (var c = 0; c < categoryCount; c++)
            {
                categories[(r * categoryCount) + c] = (long)Math.Round(inputs[r][numericWidth + c]);
            }
        }

        var (probabilities, gradients) = model.ProbabilitiesWithInputGradients(new EncodedTable(inputs.Length, numericWidth, categoryCount, numeric, categories), labels);
        var rows = new float[inputs.Length][];
        for (var r = 0; r < inputs.Length; r++)
        {
            rows[r] = new float[numericWidth + categoryCount];
            gradients.AsSpan(r * numericWidth, numericWidth).CopyTo(rows[r]);
        }

        return (Array.ConvertAll(probabilities, p => (double)p), rows);
    }
}
