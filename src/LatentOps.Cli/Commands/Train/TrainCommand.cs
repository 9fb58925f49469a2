using System.CommandLine;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.References;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Training;

namespace LatentOps.Cli.Commands.Train;

/// <summary><c>latentops train N[:V] --objective scarf|dae|simclr|supervised ...</c>: tables and images (pixel_0 ... columns).</summary>
internal static class TrainCommand
{
    public static Command Create(CommandFactory factory)
    {
        var dataset = new Argument<string>("DATASET") { Description = "The dataset to train on: NAME (latest version) or NAME:VERSION." };
        var objective = new Option<string?>("--objective")
        {
            Description = "Tables: scarf (contrastive, self-supervised) or dae (denoising autoencoder, self-supervised). Images (pixel_0 ... columns, e.g. ingested IDX files): simclr (contrastive over augmented views, self-supervised). Both: supervised (needs a label). Default: scarf for tables, simclr for images.",
        };
        objective.AcceptOnlyFromAmong("scarf", "dae", "simclr", "supervised");
        var label = new Option<string?>("--label") { Description = "Label column: the target for supervised; left out of the inputs otherwise. Default: the dataset's label." };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs; training stops early when the validation loss stops improving.", DefaultValueFactory = _ => 50 };
        var dim = new Option<int>("--dim") { Description = "Embedding dimension.", DefaultValueFactory = _ => 64 };
        var hidden = new Option<int?>("--hidden") { Description = "Tables: width of the hidden layers (default 256). Images: channels of the last convolution (default 64)." };
        var depth = new Option<int>("--depth") { Description = "Tables: linear layers in the encoder (the last one outputs the embedding). Images use a fixed CNN (four 3x3 convolutions with batch normalisation); --hidden sets its width.", DefaultValueFactory = _ => 4 };
        var batch = new Option<int>("--batch-size") { Description = "Rows per training step.", DefaultValueFactory = _ => 256 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var patience = new Option<int>("--patience") { Description = "Epochs without validation improvement before stopping.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice: same seed and data give the same weights.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "CPU threads for TorchSharp (0: all cores).", DefaultValueFactory = _ => 0 };
        var experiment = new Option<string?>("--experiment") { Description = "Experiment to file the run under. Default: the dataset name." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run RUN (id or unique prefix) from its last checkpoint, e.g. after it was killed.", HelpName = "RUN" };
        var from = new Option<string?>("--from")
        {
            Description = "Start from the encoder of run RUN's model (fine-tuning, e.g. supervised on few labels after scarf).",
            HelpName = "RUN",
        };
        var command = new Command("train", "Train an encoder on a dataset as a tracked run; the model package becomes the run's 'model' artifact (register it with 'latentops models register').")
        {
            dataset, objective, label, epochs, dim, hidden, depth, batch, lr, patience, seed, threads, experiment, resume, from,
        };
        factory.SetAction(command, async context =>
        {
            var options = new TrainingOptions
            {
                Objective = context.Value(objective) switch
                {
                    "dae" => TrainingObjective.Dae,
                    "supervised" => TrainingObjective.Supervised,
                    "simclr" => TrainingObjective.SimClr,
                    _ => TrainingObjective.Scarf,
                },
                LabelColumn = context.Value(label),
                Epochs = context.Value(epochs),
                EmbeddingDimension = context.Value(dim),
                HiddenWidth = context.Value(hidden) ?? 256,
                Depth = context.Value(depth),
                BatchSize = context.Value(batch),
                LearningRate = context.Value(lr),
                Patience = context.Value(patience),
                Seed = context.Value(seed),
                Threads = context.Value(threads),
            };
            var outcome = await TrainingWorkflow.RunAsync(context, DatasetRef.Parse(context.Value(dataset)!), options, context.Value(experiment), context.Value(resume), context.Value(from),
                new ImageTrainingChoices(context.Value(objective) is not null, context.Value(hidden))).ConfigureAwait(false);
            context.WriteResult(outcome, output =>
            {
                output.WriteLine(outcome.Summary);
                output.WriteLine(outcome.Cancelled
                    ? $"Stopped early by Ctrl+C; continue with: latentops train {outcome.Dataset} --resume {StoreAccess.Short(outcome.RunId)}"
                    : $"Register it with: latentops models register {StoreAccess.Short(outcome.RunId)} --name {DatasetRef.Parse(outcome.Dataset).Name}");
            });
            return outcome.Cancelled ? ExitCodes.Cancelled : ExitCodes.Success;
        });
        return command;
    }
}
