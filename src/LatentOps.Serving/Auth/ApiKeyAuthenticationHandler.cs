using System.Security.Claims;
using System.Text.Encodings.Web;
using LatentOps.Store.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LatentOps.Serving.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer lo_...</c> against the hashed keys in the store, or, when
/// there is no header, the dashboard's <see cref="ApiKeyCookie"/>. Neither means anonymous (endpoints
/// then answer 401); a bad or revoked key fails authentication (401).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = ApiKeyClaims.Scope;
    public const string KeyIdClaim = ApiKeyClaims.KeyId;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Request.Cookies.TryGetValue(ApiKeyCookie.Name, out var cookie) && !string.IsNullOrEmpty(cookie)
                ? await AuthenticateTokenAsync(cookie).ConfigureAwait(false)
                : AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <API key>'.");
        }

        return await AuthenticateTokenAsync(header["Bearer ".Length..].Trim()).ConfigureAwait(false);
    }

    private async Task<AuthenticateResult> AuthenticateTokenAsync(string token)
    {
        var key = await keys.VerifyAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, malformed or revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, key.Name ?? key.Id),
                new Claim(KeyIdClaim, key.Id),
                new Claim(ScopeClaim, key.Scope.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"latentops\"";
        return base.HandleChallengeAsync(properties);
    }
}
