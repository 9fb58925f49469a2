using System.Text;
using LatentOps.Core.Hashing;

namespace LatentOps.Core.Tests.Hashing;

public sealed class ContentHashTests
{
    [Fact]
    public void Of_KnownInput_MatchesPublishedSha256()
    {
        // The SHA-256 test vector for "abc" (FIPS 180-2, appendix B.1).
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Of(Encoding.ASCII.GetBytes("abc")));
    }

    [Fact]
    public async Task OfAsync_Stream_EqualsSpanHash()
    {
        var bytes = Encoding.UTF8.GetBytes("latentops");
        Assert.Equal(ContentHash.Of(bytes), await ContentHash.OfAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Candidates_AcceptsOnlyLowerHex64(string? value, bool expected) =>
        Assert.Equal(expected, ContentHash.IsValid(value));
}
