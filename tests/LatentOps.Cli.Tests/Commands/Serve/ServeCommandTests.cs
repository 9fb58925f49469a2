namespace LatentOps.Cli.Tests.Commands.Serve;

public sealed class ServeCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    public async Task Serve_LogSampleOutOfRange_Exits1NamingTheOptionAndRange(string rate)
    {
        var result = await _cli.RunAsync("serve", "--no-auth", "--urls", "http://127.0.0.1:0", "--log-sample", rate);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--log-sample", result.Error, StringComparison.Ordinal);
        Assert.Contains("allowed: 0 to 1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_Help_DescribesLogSampleAndNoRequestLog()
    {
        var result = await _cli.RunAsync("serve", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--log-sample <RATE>", result.Out, StringComparison.Ordinal);
        Assert.Contains("--no-request-log", result.Out, StringComparison.Ordinal);
    }
}
