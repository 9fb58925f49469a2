using System.CommandLine;

namespace LatentOps.Cli.Infrastructure;

/// <summary>
/// Handed to every command group's <c>Create</c> method: wires an action to a command so that it
/// receives a <see cref="CommandContext"/> and its exceptions reach <see cref="CliApp"/>'s mapping.
/// </summary>
internal sealed class CommandFactory(CliEnvironment environment, GlobalOptions globals)
{
    public CliEnvironment Environment { get; } = environment;

    /// <summary>Sets the action of <paramref name="command"/>; the action returns the exit code.</summary>
    public void SetAction(Command command, Func<CommandContext, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) =>
            action(new CommandContext(parseResult, Environment, globals, cancellationToken)));
}
