using System.IO.Compression;
using System.Text;
using LatentOps.Core.Errors;

namespace LatentOps.Data.Reading;

/// <summary>Opens an input file, transparently decompressing gzip (recognised by its magic bytes, not its name).</summary>
internal sealed class InputFile : IDisposable
{
    private InputFile(FileStream file, Stream content)
    {
        File = file;
        Content = content;
    }

    /// <summary>The file on disk (its position tracks progress).</summary>
    public FileStream File { get; }

    /// <summary>The decompressed content.</summary>
    public Stream Content { get; }

    public static InputFile Open(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw LatentOpsException.InvalidInput($"The file '{path}' does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LatentOpsException.InvalidInput($"The file '{path}' cannot be read: {ex.Message}", ex);
        }

        try
        {
            return new InputFile(file, IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>A UTF-8 text reader that throws on invalid bytes (so bad encodings are reported, not silently replaced).</summary>
    public TextReader OpenText() =>
        new StreamReader(Content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);

    public void Dispose()
    {
        if (!ReferenceEquals(Content, File))
        {
            Content.Dispose();
        }

        File.Dispose();
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
