using LatentOps.Core.Errors;
using LatentOps.Governance.Sections;

namespace LatentOps.Governance.Tests.Sections;

public sealed class WrittenSectionsTests : IDisposable
{
    private static readonly WrittenSectionTemplate[] Templates =
    [
        new("intended-use", "Intended use", "What is it for?"),
        new("limitations", "Limitations", "Where is it weak?"),
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "latentops-governance-tests", "sections-" + Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_folder, "governance", "cards", "churn.md");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task EnsureAsync_NoFile_CreatesOneEmptyMarkedBlockPerTemplate()
    {
        var document = await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates, TestContext.Current.CancellationToken);

        var text = await File.ReadAllTextAsync(FilePath, TestContext.Current.CancellationToken);
        Assert.True(document.Exists);
        Assert.Contains("<!-- latentops:begin intended-use -->", text, StringComparison.Ordinal);
        Assert.Contains("<!-- latentops:end limitations -->", text, StringComparison.Ordinal);
        Assert.Contains("What is it for?", text, StringComparison.Ordinal);
        Assert.All(document.Sections, s => Assert.False(s.IsWritten)); // The question is a comment, not an answer.
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(FilePath)!, "*.tmp"));
    }

    [Fact]
    public async Task EnsureAsync_EditedFile_KeepsEveryByte()
    {
        var ct = TestContext.Current.CancellationToken;
        await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates, ct);
        var edited = (await File.ReadAllTextAsync(FilePath, ct))
            .Replace("<!-- What is it for? -->", "<!-- What is it for? -->\nScoring loan applications for **manual review**.\n\n- not for automatic refusals", StringComparison.Ordinal)
            + "\nA note of mine outside any section.\n";
        await File.WriteAllTextAsync(FilePath, edited, ct);

        var document = await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates, ct);

        Assert.Equal(edited, await File.ReadAllTextAsync(FilePath, ct));
        Assert.Equal("Scoring loan applications for **manual review**.\n\n- not for automatic refusals", document.Get("intended-use")!.Text);
        Assert.True(document.IsWritten("intended-use"));
        Assert.False(document.IsWritten("limitations"));
    }

    [Fact]
    public async Task EnsureAsync_FileLacksANewSection_AppendsItAfterTheUntouchedContent()
    {
        var ct = TestContext.Current.CancellationToken;
        await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates[..1], ct);
        var before = (await File.ReadAllTextAsync(FilePath, ct)).Replace("<!-- What is it for? -->", "Churn outreach.", StringComparison.Ordinal);
        await File.WriteAllTextAsync(FilePath, before, ct);

        var document = await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates, ct);

        var after = await File.ReadAllTextAsync(FilePath, ct);
        Assert.StartsWith(before, after, StringComparison.Ordinal);
        Assert.Contains("<!-- latentops:begin limitations -->", after[before.Length..], StringComparison.Ordinal);
        Assert.Equal("Churn outreach.", document.Get("intended-use")!.Text);
    }

    [Fact]
    public async Task Read_SectionTheUserAdded_IsKeptAfterTheExpectedOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates, ct);
        await File.AppendAllTextAsync(FilePath, WrittenSectionsBlock("legal-review", "Legal review", "Approved by legal on 2026-11-01."), ct);

        var document = WrittenSections.Read(FilePath, Templates);

        Assert.Equal(["intended-use", "limitations", "legal-review"], document.Sections.Select(s => s.Key));
        Assert.Equal("Legal review", document.Get("legal-review")!.Title);
        Assert.Equal("Approved by legal on 2026-11-01.", document.Get("legal-review")!.Text);
    }

    [Fact]
    public async Task Read_EndMarkerDeleted_InvalidInputNamingFileLineAndSection()
    {
        var ct = TestContext.Current.CancellationToken;
        await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates, ct);
        await File.WriteAllTextAsync(FilePath, (await File.ReadAllTextAsync(FilePath, ct)).Replace("<!-- latentops:end limitations -->", string.Empty, StringComparison.Ordinal), ct);

        var error = Assert.Throws<LatentOpsException>(() => WrittenSections.Read(FilePath, Templates));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("churn.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("'limitations'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_SameSectionTwice_InvalidInputAskingToKeepOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates, ct);
        await File.AppendAllTextAsync(FilePath, WrittenSectionsBlock("limitations", "Limitations again", "Second copy."), ct);

        var error = Assert.Throws<LatentOpsException>(() => WrittenSections.Read(FilePath, Templates));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("two sections marked 'limitations'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAsync_OneSection_ReplacesOnlyItsText()
    {
        var ct = TestContext.Current.CancellationToken;
        await WrittenSections.EnsureAsync(FilePath, "Model card of churn", Templates, ct);
        await WrittenSections.SetAsync(FilePath, "Model card of churn", Templates, "limitations", "Never tested on business accounts.", ct);

        var document = await WrittenSections.SetAsync(FilePath, "Model card of churn", Templates, "intended-use", "Retention offers.", ct);

        Assert.Equal("Retention offers.", document.Get("intended-use")!.Text);
        Assert.Equal("Never tested on business accounts.", document.Get("limitations")!.Text);
        await Assert.ThrowsAsync<LatentOpsException>(() => WrittenSections.SetAsync(FilePath, "x", Templates, "intended-use", "<!-- latentops:end intended-use -->", ct));
    }

    private static string WrittenSectionsBlock(string key, string title, string body) => WrittenSections.Block(key, title, body);
}
