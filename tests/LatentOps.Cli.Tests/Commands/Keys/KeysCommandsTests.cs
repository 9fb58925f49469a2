using System.Text.Json;

namespace LatentOps.Cli.Tests.Commands.Keys;

public sealed class KeysCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_Scope_PrintsTokenOnceAndListShowsNoSecret()
    {
        var created = await _cli.RunAsync("keys", "create", "--scope", "predict", "--name", "ci");
        var token = created.Out.Trim();

        var list = await _cli.RunAsync("keys", "list", "--json");

        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith("lo_", token, StringComparison.Ordinal);
        using var keys = JsonDocument.Parse(list.Out);
        var key = Assert.Single(keys.RootElement.EnumerateArray());
        Assert.Equal("predict", key.GetProperty("scope").GetString());
        Assert.DoesNotContain(token.Split('_')[2], list.Out, StringComparison.Ordinal);
        var keyId = key.GetProperty("id").GetString()!;
        var database = string.Concat(Directory.GetFiles(Path.Combine(_cli.Folder, ".latentops"), "metadata.db*")
            .Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains(keyId, database, StringComparison.Ordinal); // the store really holds the key...
        Assert.DoesNotContain(token.Split('_')[2], database, StringComparison.Ordinal); // ...but never its secret
    }

    [Fact]
    public async Task Create_UnknownScope_Exits2NamingTheChoices()
    {
        var result = await _cli.RunAsync("keys", "create", "--scope", "root");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_UnknownId_Exits1()
    {
        var result = await _cli.RunAsync("keys", "revoke", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("keys list", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_KnownId_MarksRevoked()
    {
        await _cli.RunAsync("keys", "create", "--scope", "read");
        using var before = JsonDocument.Parse((await _cli.RunAsync("keys", "list", "--json")).Out);
        var id = before.RootElement[0].GetProperty("id").GetString()!;

        var result = await _cli.RunAsync("keys", "revoke", id, "--json");

        Assert.Equal(0, result.ExitCode);
        using var after = JsonDocument.Parse(result.Out);
        Assert.True(after.RootElement.TryGetProperty("revokedAt", out _));
    }
}
