using System.Security.Cryptography;
using LatentOps.Core.Errors;
using LatentOps.Core.Hashing;

namespace LatentOps.Store.Artifacts;

/// <summary>
/// A content-addressed folder of immutable blobs, named by the SHA-256 of their content
/// (<c>artifacts/ab/abcdef...</c>). A blob becomes visible only by an atomic rename of a fully
/// written, flushed temporary file, so a crash never leaves a partial artifact under a real name.
/// </summary>
public sealed class ArtifactStore
{
    private const string TempFolderName = "tmp";
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(24);

    /// <summary>Opens (and creates if needed) the store at <paramref name="root"/>.</summary>
    public ArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(TempFolder);
    }

    /// <summary>The folder holding the artifacts.</summary>
    public string Root { get; }

    private string TempFolder => Path.Combine(Root, TempFolderName);

    /// <summary>Stores the rest of <paramref name="content"/> and returns its reference. Idempotent for equal content.</summary>
    public async Task<ArtifactRef> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temp = NewTempPath();
        try
        {
            string hash;
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hasher.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                hash = Convert.ToHexStringLower(hasher.GetHashAndReset());
                size = file.Length;
            }

            Publish(temp, hash);
            return new ArtifactRef(hash, size);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Stores a byte array.</summary>
    public Task<ArtifactRef> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        PutAsync(new MemoryStream(content.ToArray(), writable: false), cancellationToken);

    /// <summary>Stores a copy of a file.</summary>
    public async Task<ArtifactRef> PutFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await PutAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores what <paramref name="write"/> writes to a temporary file (for writers that need a path,
    /// such as Parquet or TorchSharp), hashing it once it is complete.
    /// </summary>
    public async Task<ArtifactRef> PutWithWriterAsync(Func<string, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temp = NewTempPath();
        try
        {
            await write(temp, cancellationToken).ConfigureAwait(false);
            string hash;
            long size;
            await using (var file = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                file.Flush(flushToDisk: true);
                size = file.Length;
                hash = await ContentHash.OfAsync(file, cancellationToken).ConfigureAwait(false);
            }

            Publish(temp, hash);
            return new ArtifactRef(hash, size);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>True when an artifact with this hash is stored.</summary>
    public bool Exists(string hash) => ContentHash.IsValid(hash) && File.Exists(PathOf(hash));

    /// <summary>The file path of a stored artifact, for readers that need one. The file must not be modified.</summary>
    public string GetPath(string hash)
    {
        if (!Exists(hash))
        {
            throw LatentOpsException.NotFound($"Artifact '{hash}' is not in the artifact store at '{Root}'.");
        }

        return PathOf(hash);
    }

    /// <summary>Opens a stored artifact for reading.</summary>
    public Stream OpenRead(string hash) =>
        new FileStream(GetPath(hash), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    /// <summary>Reads a stored artifact whole.</summary>
    public Task<byte[]> ReadAllBytesAsync(string hash, CancellationToken cancellationToken = default) =>
        File.ReadAllBytesAsync(GetPath(hash), cancellationToken);

    /// <summary>Removes temporary files left by writers that died long ago; returns how many were removed.</summary>
    public int CleanStaleTemporaryFiles()
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(TempFolder))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleTempAge && TryDelete(file))
            {
                removed++;
            }
        }

        return removed;
    }

    private string PathOf(string hash) => Path.Combine(Root, hash[..2], hash);

    private string NewTempPath() => Path.Combine(TempFolder, $"{Guid.NewGuid():N}.partial");

    private void Publish(string temp, string hash)
    {
        var target = PathOf(hash);
        if (File.Exists(target))
        {
            return; // Same content is already stored; content addressing makes this a no-op.
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another writer published the same content first.
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
