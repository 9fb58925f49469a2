using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LatentOps.Core.Errors;
using LatentOps.Store.Audit;
using LatentOps.Store.Database;

namespace LatentOps.Store.Keys;

/// <summary>
/// API keys, stored hashed. A token is <c>lo_{id}_{secret}</c>: the id finds the row, the secret
/// (32 random bytes) is checked against its SHA-256 in constant time. A fast hash is right here:
/// the secret has 256 bits of entropy, so there is nothing to brute-force, and checks stay cheap.
/// Creating and revoking a key are audited in the same transaction as the change.
/// </summary>
public sealed class ApiKeyStore(IMetadataDatabase database)
{
    private const string Prefix = "lo_";
    private const string Columns = "id, scope, name, created_at, created_by, revoked_at";

    /// <summary>Creates a key and returns its token (shown once).</summary>
    public Task<CreatedApiKey> CreateAsync(ApiKeyScope scope, string? name, string createdBy, CancellationToken cancellationToken = default)
    {
        if (name is { Length: > 200 })
        {
            throw LatentOpsException.InvalidInput($"A key name may have at most 200 characters; this one has {name.Length}.");
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var info = new ApiKeyInfo(id, scope, name, DateTimeOffset.UtcNow, createdBy, null);
        return StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            await StoreSql.ExecuteAsync(
                connection,
                transaction,
                $"INSERT INTO api_keys(secret_hash, {Columns}) VALUES (@hash, @id, @scope, @name, @created, @by, NULL)",
                cancellationToken,
                ("@hash", HashSecret(secret)),
                ("@id", id),
                ("@scope", ScopeText(scope)),
                ("@name", name),
                ("@created", info.CreatedAt.ToString("O", CultureInfo.InvariantCulture)),
                ("@by", createdBy)).ConfigureAwait(false);
            await AuditChain.AppendAsync(connection, transaction, createdBy, "key.create", id, new Dictionary<string, string> { ["scope"] = ScopeText(scope), ["name"] = name ?? string.Empty }, cancellationToken).ConfigureAwait(false);
            return new CreatedApiKey(info, $"{Prefix}{id}_{secret}");
        }, cancellationToken);
    }

    /// <summary>All keys, newest first.</summary>
    public Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        StoreSql.ReadAsync<IReadOnlyList<ApiKeyInfo>>(database, async connection =>
            await StoreSql.QueryAsync(connection, null, $"SELECT {Columns} FROM api_keys ORDER BY created_at DESC, id", Read, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    /// <summary>Revokes a key; <see cref="ErrorCode.NotFound"/> when there is no such key.</summary>
    public Task<ApiKeyInfo> RevokeAsync(string id, string revokedBy, CancellationToken cancellationToken = default) =>
        StoreSql.WriteAsync(database, async (connection, transaction) =>
        {
            var revoked = await StoreSql.QueryAsync(
                connection,
                transaction,
                $"UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id RETURNING {Columns}",
                Read,
                cancellationToken,
                ("@id", id),
                ("@now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
            if (revoked.Count == 0)
            {
                throw LatentOpsException.NotFound($"There is no API key with id '{id}'. 'latentops keys list' shows the ids.");
            }

            await AuditChain.AppendAsync(connection, transaction, revokedBy, "key.revoke", id, null, cancellationToken).ConfigureAwait(false);
            return revoked[0];
        }, cancellationToken);

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
        var offered = Encoding.ASCII.GetBytes(HashSecret(token[(separator + 1)..]));
        var found = await StoreSql.ReadAsync(database, connection => StoreSql.QueryAsync(
            connection,
            null,
            $"SELECT {Columns}, secret_hash FROM api_keys WHERE id = @id",
            reader => (Info: Read(reader), Hash: reader.GetString(6)),
            cancellationToken,
            ("@id", id)), cancellationToken).ConfigureAwait(false);
        return found is [var key] && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.Hash), offered) && key.Info.IsActive
            ? key.Info
            : null;
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
}
