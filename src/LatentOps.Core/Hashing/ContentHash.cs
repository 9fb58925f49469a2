using System.Security.Cryptography;

namespace LatentOps.Core.Hashing;

/// <summary>
/// SHA-256 content hashes as lower-case hex, the identity of every artifact, dataset version and model package.
/// </summary>
public static class ContentHash
{
    /// <summary>The length of a hash in hex characters.</summary>
    public const int HexLength = 64;

    /// <summary>Hashes a byte span.</summary>
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Hashes a stream from its current position to its end.</summary>
    public static string Of(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream));

    /// <summary>Hashes a stream from its current position to its end.</summary>
    public static async Task<string> OfAsync(Stream stream, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));

    /// <summary>Hashes a file.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await OfAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when <paramref name="value"/> looks like a hash this class produces.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: HexLength } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
