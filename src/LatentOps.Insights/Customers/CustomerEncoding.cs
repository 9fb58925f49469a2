using System.Globalization;
using LatentOps.Core.Progress;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Training;

namespace LatentOps.Insights.Customers;

/// <summary>
/// Learns customer embeddings: the existing tabular encoder trained as a denoising autoencoder on the
/// customer profiles (some of each customer's features are swapped with another customer's, and the
/// network learns to restore them), so customers who buy alike land close together.
/// </summary>
internal static class CustomerEncoding
{
    public static (double[][] Embeddings, CustomerModelSummary Summary) Learn(CustomerProfiles profiles, SalesInsightsOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var table = profiles.ToFeatureTable();
        var trainer = new TabularTrainer(new TrainingOptions
        {
            Objective = TrainingObjective.Dae,
            Epochs = options.CustomerEpochs,
            BatchSize = 64,
            LearningRate = 2e-3,
            Seed = options.Seed,
            Threads = options.Threads,
            ValidationFraction = 0.1,
            Patience = 15,
            EmbeddingDimension = options.EmbeddingDimension,
            HiddenWidth = 128,
            Depth = 3,
            MaxCategories = 50,
        });
        var relay = progress is null ? null : new Relay(progress, options.CustomerEpochs);
        var result = trainer.Fit(table, relay, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        using var model = result.Model;
        var embeddings = model.Embed(table);
        var rows = new double[embeddings.Rows][];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = embeddings.Row(r);
            rows[r] = new double[row.Length];
            for (var j = 0; j < row.Length; j++)
            {
                rows[r][j] = row[j];
            }
        }

        var last = result.Epochs.Count == 0 ? null : result.Epochs[^1];
        var summary = new CustomerModelSummary(
            "denoising autoencoder (tabular encoder, swap noise 15%)",
            table.Columns.Count,
            result.Epochs.Count,
            result.BestEpoch,
            last?.TrainLoss ?? double.NaN,
            result.BestValidationLoss,
            result.TotalSeconds);
        return (rows, summary);
    }

    private sealed class Relay(IProgress<ProgressUpdate> inner, int epochs) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) =>
            inner.Report(new ProgressUpdate(SalesInsightsStages.Customers, value.Done, epochs, string.Create(CultureInfo.InvariantCulture, $"learning how customers buy: pass {value.Done:0} of {epochs}")));
    }
}
