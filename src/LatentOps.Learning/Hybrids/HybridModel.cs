using LatentOps.Core.Tables;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LatentOps.Learning.Hybrids;

/// <summary>A fitted hybrid model: features (raw and/or embedding) into an ML.NET learner. Predicts class probabilities.</summary>
public sealed class HybridModel
{
    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly HybridFeatures features;

    internal HybridModel(MLContext ml, ITransformer transformer, HybridFeatures features, IReadOnlyList<string> classes, HybridOptions options)
    {
        this.ml = ml;
        this.transformer = transformer;
        this.features = features;
        Classes = classes;
        Learner = options.Learner;
        FeatureSet = options.Features;
    }

    /// <summary>The class names in probability column order.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The learner used.</summary>
    public HybridLearner Learner { get; }

    /// <summary>The features used.</summary>
    public HybridFeatureSet FeatureSet { get; }

    /// <summary>The number of features the learner sees.</summary>
    public int FeatureWidth => features.Width;

    /// <summary>Class probabilities, row-major Rows x <see cref="Classes"/>.Count.</summary>
    public float[] PredictProbabilities(Table table)
    {
        var matrix = features.Build(table);
        var k = Classes.Count;
        var output = new float[matrix.Length * k];
        if (k == 2)
        {
            var view = transformer.Transform(HybridData.Binary(ml, matrix, null, features.Width));
            var p = view.GetColumn<float>("Probability").ToArray();
            for (var r = 0; r < p.Length; r++)
            {
                output[r * 2] = 1 - p[r];
                output[(r * 2) + 1] = p[r];
            }
        }
        else
        {
            var view = transformer.Transform(HybridData.Multiclass(ml, matrix, null, features.Width));
            var r = 0;
            foreach (var scores in view.GetColumn<float[]>("Score"))
            {
                scores.AsSpan(0, Math.Min(k, scores.Length)).CopyTo(output.AsSpan(r * k));
                r++;
            }
        }

        return output;
    }
}
