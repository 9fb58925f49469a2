using System.Text;
using LatentOps.Core.Errors;
using LatentOps.Core.Hashing;
using LatentOps.Store.Artifacts;

namespace LatentOps.Store.Tests.Artifacts;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private ArtifactStore NewStore() => new(Path.Combine(_temp.Path, "artifacts"));

    [Fact]
    public async Task PutAsync_Content_IsNamedBySha256AndReadsBack()
    {
        var store = NewStore();
        var bytes = Encoding.UTF8.GetBytes("hello artifacts");

        var artifact = await store.PutAsync(bytes, TestContext.Current.CancellationToken);

        Assert.Equal(ContentHash.Of(bytes), artifact.Hash);
        Assert.Equal(bytes.Length, artifact.Size);
        Assert.Equal(bytes, await store.ReadAllBytesAsync(artifact.Hash, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PutAsync_SameContentTwice_StoresOneFile()
    {
        var store = NewStore();
        var bytes = Encoding.UTF8.GetBytes("same");

        var first = await store.PutAsync(bytes, TestContext.Current.CancellationToken);
        var second = await store.PutAsync(bytes, TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        Assert.Single(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories), f => !f.StartsWith(Path.Combine(store.Root, "tmp"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutWithWriterAsync_WriterCrashesBeforeRename_LeavesNoVisibleArtifactAndNoTempFile()
    {
        var store = NewStore();
        string? written = null;

        await Assert.ThrowsAsync<IOException>(() => store.PutWithWriterAsync(async (path, ct) =>
        {
            await File.WriteAllTextAsync(path, "half a model", ct);
            written = ContentHash.Of(Encoding.UTF8.GetBytes("half a model"));
            throw new IOException("disk went away");
        }, TestContext.Current.CancellationToken));

        Assert.NotNull(written);
        Assert.False(store.Exists(written));
        Assert.Empty(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutAsync_ReaderFailsMidStream_LeavesNoVisibleArtifact()
    {
        var store = NewStore();

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(new FailingStream(), TestContext.Current.CancellationToken));

        Assert.Empty(Directory.EnumerateFiles(store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Exists_PartialFileLeftByKilledProcess_IsNotVisible()
    {
        var store = NewStore();
        var hash = ContentHash.Of("x"u8);
        File.WriteAllText(Path.Combine(store.Root, "tmp", $"{Guid.NewGuid():N}.partial"), "x");

        Assert.False(store.Exists(hash));
        Assert.Throws<LatentOpsException>(() => store.GetPath(hash));
    }

    [Fact]
    public void GetPath_NotAHash_IsNotFoundRatherThanAPathEscape()
    {
        var store = NewStore();

        var error = Assert.Throws<LatentOpsException>(() => store.GetPath("../../etc/passwd"));

        Assert.Equal(ErrorCode.NotFound, error.Code);
    }

    [Fact]
    public void CleanStaleTemporaryFiles_OldPartial_IsRemoved()
    {
        var store = NewStore();
        var stale = Path.Combine(store.Root, "tmp", "old.partial");
        File.WriteAllText(stale, "x");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-2));
        var fresh = Path.Combine(store.Root, "tmp", "fresh.partial");
        File.WriteAllText(fresh, "y");

        Assert.Equal(1, store.CleanStaleTemporaryFiles());
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 2)
            {
                throw new IOException("connection reset");
            }

            Array.Fill(buffer, (byte)7, offset, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
