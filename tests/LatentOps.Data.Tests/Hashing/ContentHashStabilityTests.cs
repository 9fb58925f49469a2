using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LatentOps.Core.Tables;
using LatentOps.Data.Hashing;
using LatentOps.Data.Reading;

namespace LatentOps.Data.Tests.Hashing;

/// <summary>
/// Dataset versions are keyed by <see cref="TableHash.Compute"/>: it must not move when the in-memory
/// storage changes (narrow numbers, coded strings), or re-ingesting a stored file would make a new version.
/// </summary>
public sealed class ContentHashStabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Compute_NarrowTable_EqualsTheCanonicalHashOfItsDoubleCopy()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "lending_club_500.csv"), cancellationToken: Ct);

        Assert.Contains(table.Columns, c => c is NumericColumn { BytesPerValue: < 8 });
        Assert.Contains(table.Columns, c => c is StringColumn { BytesPerValue: < 8 });
        var hash = TableHash.Compute(table);
        Assert.Equal(ReferenceHash(WideCopy(table)), hash);
        Assert.Equal("59a362b4453cdc96edce29b0eaa52c3305f978b9264ba92ce34c1e9e8c403c97", hash);
    }

    [Fact]
    public async Task Compute_IdxImagesAsBytes_SameHashAsDoubles()
    {
        var table = await TableReader.ReadAsync(Fixture.Path("real", "t10k-images-idx3-ubyte.gz"), cancellationToken: Ct);

        Assert.All(table.Columns, c => Assert.Equal(1, ((NumericColumn)c).BytesPerValue));
        Assert.Equal(ReferenceHash(WideCopy(table)), TableHash.Compute(table));
        Assert.Equal("62d70192aa9141d2b0252e8e4eaad3b29c1090403f0a1a72b69d7eee60e7f74b", TableHash.Compute(table)); // printed by data ingest when pixels were doubles
    }

    /// <summary>The hashes `latentops data ingest` printed for the real datasets before narrow storage (2026-11-28, double and reference columns).</summary>
    [Theory]
    [InlineData("tabular/lending_club.csv", "fca7e64e78277c3b2da9a1921637fe5d76ce707f441d09010b0f60a7b0daa693")]
    [InlineData("tabular/birdstrikes.csv", "1d1c62f58f8600bbe07226681294ab80876787635f01b742eb89d58484ba7785")]
    [InlineData("tabular/credit_data.csv", "2525e663b30781232ac99d35551ff27d741f4d4660e296472faa00929b3e8e8a")]
    [InlineData("sales/superstore.csv", "2cfe463768b71d3a200bafbc79e6cf6f7cf750acde5e0277225bcdce4b5531ad")]
    [InlineData("text/spam_assassin.jsonl.gz", "1aba5a60d091284422dab42884c70ab86a49d8ecae89d45ed01e59de950afa05")]
    [InlineData("images/fashion-mnist/t10k-images-idx3-ubyte.gz", "88dce80bc56d0344d529ae7371d4abb63f8de78f1f1b36163109763c428c1753")]
    public async Task Compute_RealDatasets_SameHashAsBeforeNarrowStorage(string file, string expected)
    {
        var path = Fixture.Shared(file.Split('/'));
        Assert.SkipWhen(path is null, $"../shared/datasets/{file} is not here.");

        var table = await TableReader.ReadAsync(path, cancellationToken: Ct);

        Assert.Equal(expected, TableHash.Compute(table));
    }

    private static Table WideCopy(Table table) => new(table.Columns.Select(c => c switch
    {
        NumericColumn n => (Column)new NumericColumn(n.Name, [.. Enumerable.Range(0, n.Length).Select(i => n[i])], n.Type),
        StringColumn s => new StringColumn(s.Name, [.. Enumerable.Range(0, s.Length).Select(i => s[i])], s.Type),
        _ => c,
    }));

    /// <summary>The canonical content hash exactly as first written (over the double and reference spans), kept here as the specification.</summary>
    private static string ReferenceHash(Table table)
    {
        using var stream = new MemoryStream();
        void Int64(long value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            stream.Write(bytes);
        }

        void Text(string? value)
        {
            if (value is null)
            {
                Int64(-1);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            Int64(bytes.Length);
            stream.Write(bytes);
        }

        Text("latentops-table-v1");
        Int64(table.Columns.Count);
        Int64(table.RowCount);
        foreach (var column in table.Columns)
        {
            Text(column.Name);
            Text(column.Type.ToString());
        }

        foreach (var column in table.Columns)
        {
            switch (column)
            {
                case NumericColumn n:
                    foreach (var v in n.Values)
                    {
                        Int64(double.IsNaN(v) ? 0x7FF8000000000000 : v == 0 ? 0 : BitConverter.DoubleToInt64Bits(v));
                    }

                    break;
                case DateTimeColumn d:
                    foreach (var v in d.Values)
                    {
                        Int64(v is { } t ? t.Ticks : long.MinValue);
                    }

                    break;
                case StringColumn s:
                    foreach (var v in s.Values)
                    {
                        Text(v);
                    }

                    break;
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }
}
