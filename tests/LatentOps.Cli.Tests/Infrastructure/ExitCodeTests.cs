using System.CommandLine;
using LatentOps.Core.Errors;

namespace LatentOps.Cli.Tests.Infrastructure;

public sealed class ExitCodeTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_UnknownCommand_Exits2AndPointsToHelp()
    {
        var result = await _cli.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Run_UnknownFlag_Exits2NamingTheFlagAndTheCommand()
    {
        var result = await _cli.RunAsync("workspace", "info", "--no-such-flag");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-flag", result.Error, StringComparison.Ordinal);
        Assert.Contains("latentops workspace info --help", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCode.NotFound)]
    [InlineData(ErrorCode.AlreadyExists)]
    [InlineData(ErrorCode.InvalidInput)]
    [InlineData(ErrorCode.InvalidState)]
    [InlineData(ErrorCode.Unauthorized)]
    public async Task Run_CommandThrowsLatentOpsException_Exits1WithOneLineAndNoStackTrace(ErrorCode code)
    {
        var result = await _cli.RunAsync(root => root.Add(Throwing(new LatentOpsException(code, "dataset 'x' has no column 'y'"))), "boom");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: dataset 'x' has no column 'y'", result.Error.Trim());
    }

    [Fact]
    public async Task Run_VerboseUserError_ShowsStackTrace()
    {
        var result = await _cli.RunAsync(root => root.Add(Throwing(LatentOpsException.InvalidInput("bad"))), "boom", "--verbose");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnexpectedException_Exits1AsInternalErrorWithoutStackTrace()
    {
        var result = await _cli.RunAsync(root => root.Add(Throwing(new InvalidOperationException("bug"))), "boom");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("internal error", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Cancelled_Exits130()
    {
        var result = await _cli.RunAsync(root => root.Add(Throwing(new OperationCanceledException())), "boom");

        Assert.Equal(130, result.ExitCode);
    }

    private static Command Throwing(Exception exception)
    {
        var command = new Command("boom");
        command.SetAction((_, _) => Task.FromException<int>(exception));
        return command;
    }
}
