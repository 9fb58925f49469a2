using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Training;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;

namespace LatentOps.Learning.Hybrids;

/// <summary>
/// Fits a hybrid model: a frozen encoder's embeddings beside the raw features, into ML.NET LightGbm,
/// FastTree or L-BFGS logistic regression. With <see cref="HybridFeatureSet.Raw"/> and no encoder it
/// is the raw-feature baseline, evaluated the same way.
/// </summary>
public sealed class HybridTrainer
{
    private readonly HybridOptions options;
    private readonly TabularEncoderModel? encoder;

    /// <summary>Creates the trainer; <paramref name="encoder"/> is required unless the features are <see cref="HybridFeatureSet.Raw"/>.</summary>
    public HybridTrainer(HybridOptions options, TabularEncoderModel? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.encoder = encoder;
    }

    /// <summary>Fits on <paramref name="table"/> with the label column <paramref name="labelColumn"/> (rows without a label are left out).</summary>
    public HybridModel Fit(Table table, string labelColumn)
    {
        ArgumentNullException.ThrowIfNull(table);
        options.Validate();
        if (encoder is null && options.Features != HybridFeatureSet.Raw)
        {
            throw LatentOpsException.InvalidInput($"Hybrid features '{options.Features}' need an encoder; use Raw for the baseline without one.");
        }

        if (!table.Contains(labelColumn))
        {
            throw LatentOpsException.InvalidInput($"Label column '{labelColumn}' is not in the data. Columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
        }

        var classes = LabelEncoding.ClassesOf(table, labelColumn);
        var allLabels = LabelEncoding.IndicesOf(table, labelColumn, classes);
        var keep = Enumerable.Range(0, table.RowCount).Where(r => allLabels[r] >= 0).ToArray();
        var labelled = table.Take(keep);
        var labels = keep.Select(r => allLabels[r]).ToArray();

        var preprocessor = encoder?.Preprocessor
            ?? new TabularPreprocessor(new PreprocessorOptions { ExcludeColumns = [labelColumn] }).Fit(labelled);
        var features = new HybridFeatures(preprocessor, encoder, options.Features);
        var matrix = features.Build(labelled);
        var ml = new MLContext(options.Seed);
        var binary = classes.Length == 2;
        var data = binary ? HybridData.Binary(ml, matrix, labels, features.Width) : HybridData.Multiclass(ml, matrix, labels, features.Width);
        var transformer = binary ? Binary(ml).Fit(data) : Multiclass(ml).Fit(data);
        return new HybridModel(ml, transformer, features, classes, options);
    }

    private IEstimator<ITransformer> Binary(MLContext ml) => options.Learner switch
    {
        HybridLearner.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = options.NumberOfTrees,
            NumberOfLeaves = options.NumberOfLeaves,
            LearningRate = options.LearningRate,
            NumberOfThreads = options.Threads,
            Seed = options.Seed,
            Silent = true,
        }),
        HybridLearner.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.NumberOfTrees,
            NumberOfLeaves = options.NumberOfLeaves,
            LearningRate = options.LearningRate,
            NumberOfThreads = options.Threads,
        }),
        _ => ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = options.Threads })),
    };

    private IEstimator<ITransformer> Multiclass(MLContext ml)
    {
        var key = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        return options.Learner switch
        {
            HybridLearner.LightGbm => key.Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfIterations = options.NumberOfTrees,
                NumberOfLeaves = options.NumberOfLeaves,
                LearningRate = options.LearningRate,
                NumberOfThreads = options.Threads,
                Seed = options.Seed,
                Silent = true,
            })),
            HybridLearner.FastTree => key.Append(ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = options.NumberOfTrees,
                NumberOfLeaves = options.NumberOfLeaves,
                LearningRate = options.LearningRate,
                NumberOfThreads = options.Threads,
            }))),
            _ => key.Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = options.Threads })),
        };
    }
}
