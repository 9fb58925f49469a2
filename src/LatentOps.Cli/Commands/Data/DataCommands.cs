using System.CommandLine;
using LatentOps.Cli.Infrastructure;

namespace LatentOps.Cli.Commands.Data;

/// <summary><c>latentops data ...</c>: ingest files as versioned datasets, inspect, profile, split and check them.</summary>
internal static class DataCommands
{
    public static Command Create(CommandFactory factory)
    {
        var data = new Command("data", "Datasets: ingest files as immutable versions with provenance; list, show, diff, profile, split and check them.");
        data.Add(IngestCommand.Create(factory));
        data.Add(ListCommand.Create(factory));
        data.Add(ShowCommand.Create(factory));
        data.Add(DiffCommand.Create(factory));
        data.Add(ProfileCommand.Create(factory));
        data.Add(SplitCommand.Create(factory));
        data.Add(CheckCommand.Create(factory));
        return data;
    }
}
