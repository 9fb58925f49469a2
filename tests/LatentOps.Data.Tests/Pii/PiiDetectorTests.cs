using LatentOps.Core.Tables;
using LatentOps.Data.Pii;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Tests.Pii;

public sealed class PiiDetectorTests
{
    private static readonly Table Sample = new([
        new StringColumn("note", [
            "mail jane.doe@example.com or call +1 415-555-2671",
            "card 4111 1111 1111 1111 expires soon",
            "not a card 4111 1111 1111 1112, version 1.2.3, date 2024-03-01, amount 12,345.67",
            "IBAN GB82 WEST 1234 5698 7654 32 and host 192.168.10.25",
            null,
        ], ColumnType.Text),
        new NumericColumn("n", [1, 2, 3, 4, 5]),
    ]);

    [Fact]
    public void Scan_MixedText_FindsEachKindOnceWithMaskedExamples()
    {
        var findings = PiiDetector.Scan(Sample).ToDictionary(f => f.Kind);

        Assert.Equal(1, findings[PiiKind.Email].Matches);
        Assert.Equal("j***@e***.com", findings[PiiKind.Email].MaskedExamples[0]);
        Assert.Equal(1, findings[PiiKind.Phone].Matches);
        Assert.Equal(1, findings[PiiKind.PaymentCard].Matches);
        Assert.Equal("**** **** **** 1111", findings[PiiKind.PaymentCard].MaskedExamples[0]);
        Assert.Equal(1, findings[PiiKind.Iban].Matches);
        Assert.Equal(1, findings[PiiKind.IpAddress].Matches);
        Assert.Equal(0.25, findings[PiiKind.Email].RowShare);
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    public void PassesLuhn_KnownNumbers(string digits, bool expected) => Assert.Equal(expected, PiiDetector.PassesLuhn(digits));

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32", true)]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("GB82 WEST 1234 5698 7654 33", false)]
    public void PassesIbanCheck_KnownIbans(string iban, bool expected) => Assert.Equal(expected, PiiDetector.PassesIbanCheck(iban));

    [Fact]
    public void Redact_MixedText_ReplacesMatchesAndKeepsTheRest()
    {
        var (redacted, replaced) = PiiDetector.Redact(Sample);

        var note = (StringColumn)redacted["note"];
        Assert.Equal("mail [EMAIL] or call [PHONE]", note[0]);
        Assert.Equal("card [CARD] expires soon", note[1]);
        Assert.Contains("4111 1111 1111 1112", note[2], StringComparison.Ordinal);
        Assert.Equal("IBAN [IBAN] and host [IP]", note[3]);
        Assert.Equal(3, replaced);
        Assert.Empty(PiiDetector.Scan(redacted));
    }

    [Fact]
    public async Task Scan_SpamSlice_FindsEmailAddresses()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "spam_assassin_40.jsonl.gz"), cancellationToken: TestContext.Current.CancellationToken);

        var email = Assert.Single(PiiDetector.Scan(table), f => f.Kind == PiiKind.Email);

        Assert.Equal("text", email.Column);
        Assert.Equal(40, email.Rows);
        Assert.DoesNotContain(email.MaskedExamples, e => e.Contains("spamassassin", StringComparison.Ordinal));
    }
}
