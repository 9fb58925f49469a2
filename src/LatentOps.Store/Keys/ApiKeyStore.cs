using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LatentOps.Core.Errors;
using LatentOps.Store.Database;

namespace LatentOps.Store.Keys;

/// <summary>
/// API keys, stored hashed. A token is <c>lo_{id}_{secret}</c>: the id finds the row, the secret
/// (32 random bytes) is checked against its SHA-256 in constant time. A fast hash is right here:
/// the secret has 256 bits of entropy, so there is nothing to brute-force, and checks stay cheap.
/// </summary>
public sealed class ApiKeyStore(IMetadataDatabase database)
{
    private const string Prefix = "lo_";

    /// <summary>Creates a key and returns its token (shown once).</summary>
    public async Task<CreatedApiKey> CreateAsync(ApiKeyScope scope, string? name, string createdBy, CancellationToken cancellationToken = default)
    {
        if (name is { Length: > 200 })
        {
            throw LatentOpsException.InvalidInput($"A key name may have at most 200 characters; this one has {name.Length}.");
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var info = new ApiKeyInfo(id, scope, name, DateTimeOffset.UtcNow, createdBy, null);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys(id, secret_hash, scope, name, created_at, created_by)
            VALUES (@id, @hash, @scope, @name, @created, @by)
            """;
        Add(command, "@id", id);
        Add(command, "@hash", HashSecret(secret));
        Add(command, "@scope", ScopeText(scope));
        Add(command, "@name", name);
        Add(command, "@created", info.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        Add(command, "@by", createdBy);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(info, $"{Prefix}{id}_{secret}");
    }

    /// <summary>All keys, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, scope, name, created_at, created_by, revoked_at FROM api_keys ORDER BY created_at DESC, id";
        var keys = new List<ApiKeyInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>Revokes a key; <see cref="ErrorCode.NotFound"/> when there is no such key.</summary>
    public async Task<ApiKeyInfo> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id
            RETURNING id, scope, name, created_at, created_by, revoked_at
            """;
        Add(command, "@id", id);
        Add(command, "@now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? Read(reader)
            : throw LatentOpsException.NotFound($"There is no API key with id '{id}'. 'latentops keys list' shows the ids.");
    }

    /// <summary>The active key a token belongs to, or null when the token is malformed, unknown, wrong or revoked.</summary>
    public async Task<ApiKeyInfo?> VerifyAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var separator = token.IndexOf('_', Prefix.Length);
        if (separator < 0)
        {
            return null;
        }

        var id = token[Prefix.Length..separator];
        var secret = token[(separator + 1)..];
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, scope, name, created_at, created_by, revoked_at, secret_hash FROM api_keys WHERE id = @id";
        Add(command, "@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var stored = Encoding.ASCII.GetBytes(reader.GetString(6));
        var offered = Encoding.ASCII.GetBytes(HashSecret(secret));
        var info = Read(reader);
        return CryptographicOperations.FixedTimeEquals(stored, offered) && info.IsActive ? info : null;
    }

    /// <summary>Parses a scope name as users type it.</summary>
    public static ApiKeyScope ParseScope(string text) => text.ToLowerInvariant() switch
    {
        "read" => ApiKeyScope.Read,
        "predict" => ApiKeyScope.Predict,
        "admin" => ApiKeyScope.Admin,
        _ => throw LatentOpsException.InvalidInput($"'{text}' is not a scope; use read, predict or admin."),
    };

    private static string ScopeText(ApiKeyScope scope) => scope.ToString().ToLowerInvariant();

    private static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiKeyInfo Read(DbDataReader reader) => new(
        reader.GetString(0),
        ParseScope(reader.GetString(1)),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture));

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
