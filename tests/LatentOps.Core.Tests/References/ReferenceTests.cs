using LatentOps.Core.Errors;
using LatentOps.Core.References;

namespace LatentOps.Core.Tests.References;

public sealed class ReferenceTests
{
    [Theory]
    [InlineData("sales", "sales", null)]
    [InlineData("sales:3", "sales", 3)]
    [InlineData("lending_club.v2:12", "lending_club.v2", 12)]
    public void DatasetRefParse_ValidText_SplitsNameAndVersion(string text, string name, int? version)
    {
        var reference = DatasetRef.Parse(text);

        Assert.Equal(new DatasetRef(name, version), reference);
        Assert.Equal(text, reference.ToString());
    }

    [Theory]
    [InlineData("sales:0")]
    [InlineData("sales:x")]
    [InlineData("sales:")]
    [InlineData("../etc")]
    [InlineData("")]
    public void DatasetRefParse_Malformed_IsInvalidInputSayingTheForm(string text)
    {
        var error = Assert.Throws<LatentOpsException>(() => DatasetRef.Parse(text));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
    }

    [Fact]
    public void ModelRefParse_Alias_ReadsNameAndAlias() =>
        Assert.Equal(new ModelRef("churn", null, "champion"), ModelRef.Parse("churn@champion"));

    [Fact]
    public void ModelRefParse_Version_ReadsNameAndVersion() =>
        Assert.Equal(new ModelRef("churn", 3, null), ModelRef.Parse("churn:3"));

    [Theory]
    [InlineData("churn")]
    [InlineData("churn:")]
    [InlineData("churn@")]
    [InlineData("@champion")]
    public void ModelRefParse_Malformed_MessageShowsBothForms(string text)
    {
        var error = Assert.Throws<LatentOpsException>(() => ModelRef.Parse(text));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
    }
}
