namespace LatentOps.Cli.Tests.Commands;

public sealed class HelpTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Help_Root_ListsCommandGroupsAndGlobalOptions()
    {
        var result = await _cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var expected in new[] { "quickstart", "workspace", "--workspace", "--json", "--verbose" })
        {
            Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Help_EveryCommand_HasADescription()
    {
        var root = LatentOps.Cli.CliApp.BuildRoot(new LatentOps.Cli.Infrastructure.CliEnvironment(TextWriter.Null, TextWriter.Null, _cli.Folder, _ => null, false));
        var undocumented = new List<string>();
        void Visit(System.CommandLine.Command command, string path)
        {
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                undocumented.Add(path);
            }

            foreach (var sub in command.Subcommands)
            {
                Visit(sub, $"{path} {sub.Name}");
            }

            foreach (var option in command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)))
            {
                undocumented.Add($"{path} {option.Name}");
            }
        }

        Visit(root, "latentops");

        Assert.Empty(undocumented);
    }
}
