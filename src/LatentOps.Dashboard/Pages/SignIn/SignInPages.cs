using LatentOps.Dashboard.Auth;
using LatentOps.Dashboard.Layout;
using LatentOps.Serving;
using LatentOps.Serving.Auth;
using LatentOps.Store.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Dashboard.Pages.SignIn;

/// <summary><c>/signin</c> (paste an API key) and <c>/signout</c>.</summary>
internal static class SignInPages
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/signin", Show).AllowAnonymous().ExcludeFromDescription();
        routes.MapPost("/signin", SignInAsync).AllowAnonymous().ExcludeFromDescription();
        routes.MapPost("/signout", SignOut).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Show(HttpContext http, ServerOptions options, string? returnUrl)
    {
        if (!options.RequireAuth)
        {
            return Results.Redirect(SafeReturn(returnUrl));
        }

        return Form(http, returnUrl, error: null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, ServerOptions options, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        if (!options.RequireAuth)
        {
            return Results.Redirect("/", preserveMethod: false);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var returnUrl = form["returnUrl"].ToString();
        if (!DashboardAccess.IsSameOrigin(http))
        {
            return Form(http, returnUrl, "The sign-in form must be sent from this page. Reload the page and try again.", StatusCodes.Status403Forbidden);
        }

        var token = form["key"].ToString().Trim();
        if (token.Length == 0)
        {
            return Form(http, returnUrl, "Paste your API key into the box first.", StatusCodes.Status400BadRequest);
        }

        var key = await keys.VerifyAsync(token, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return Form(http, returnUrl,
                "That key was not accepted: it is unknown, mistyped or has been revoked. Check that you pasted the whole key (it starts with lo_), or ask your LatentOps administrator for a new one.",
                StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(ApiKeyCookie.Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        return Results.Redirect(SafeReturn(returnUrl));
    }

    private static IResult SignOut(HttpContext http)
    {
        if (!DashboardAccess.IsSameOrigin(http))
        {
            return DashboardLayout.Error(http, StatusCodes.Status403Forbidden, "Request refused", "Sign out with the button in the page header.");
        }

        http.Response.Cookies.Delete(ApiKeyCookie.Name, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true, Secure = http.Request.IsHttps });
        return Results.Redirect("/signin?signedOut=1");
    }

    private static IResult Form(HttpContext http, string? returnUrl, string? error, int status)
    {
        var content = new PageContent();
        if (http.Request.Query.ContainsKey("signedOut") && error is null)
        {
            content.Finding("info", "Signed out", "Your key has been removed from this browser.");
        }

        content.Explain("LatentOps uses API keys instead of passwords. Ask the person who runs LatentOps for a key " +
            "(they create one with 'latentops keys create --scope read'). A read key lets you look at everything; an admin key also lets you change things, such as rolling back a model.");
        var describedBy = error is null ? "key-hint" : "key-hint key-error";
        content.Raw($"""
            <form class="stack" method="post" action="/signin">
              <label for="key">API key</label>
              <input type="password" id="key" name="key" autocomplete="off" spellcheck="false" required aria-describedby="{describedBy}"{(error is null ? string.Empty : " aria-invalid=\"true\"")} autofocus>
              <p class="hint" id="key-hint">It starts with lo_. It is kept in this browser only, in a cookie scripts cannot read, until you sign out.</p>
              {(error is null ? string.Empty : $"<p class=\"error-text\" id=\"key-error\" role=\"alert\">{PageContent.Encode(error)}</p>")}
              <input type="hidden" name="returnUrl" value="{PageContent.Encode(SafeReturn(returnUrl))}">
              <div><button type="submit" class="primary">Sign in</button></div>
            </form>
            """);
        return DashboardLayout.Page(http, "Sign in", content, statusCode: status);
    }

    /// <summary>Only local addresses ("/models/x"), never another site ("//evil", "https://...").</summary>
    internal static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";
}
