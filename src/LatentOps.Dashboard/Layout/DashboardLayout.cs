using System.Globalization;
using System.Text;
using LatentOps.Dashboard.Auth;
using Microsoft.AspNetCore.Http;

namespace LatentOps.Dashboard.Layout;

/// <summary>
/// The page frame every dashboard page shares: a skip link, the header with the main navigation and
/// the signed-in key (with a sign-out button), one <c>h1</c>, the content, and security headers
/// (a content security policy that allows only this server's own stylesheet and script). Pages build
/// their body with <see cref="PageContent"/> and return <see cref="Page"/>.
/// </summary>
public static class DashboardLayout
{
    /// <summary>Where the vendored stylesheet and script are served.</summary>
    public const string AssetsPath = "/dashboard/assets";

    /// <summary>A whole page as an HTTP result.</summary>
    /// <param name="http">The request (for the current address and the signed-in user).</param>
    /// <param name="title">The page title, shown as its only <c>h1</c>.</param>
    /// <param name="content">The body.</param>
    /// <param name="subtitle">A line under the title.</param>
    /// <param name="statusCode">The HTTP status (200 unless an error page).</param>
    public static IResult Page(HttpContext http, string title, PageContent content, string? subtitle = null, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(content);
        SetSecurityHeaders(http);
        return Results.Content(Render(http, title, content.ToString(), subtitle), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    /// <summary>An error page: the status code, a title and what the user can do about it.</summary>
    public static IResult Error(HttpContext http, int statusCode, string title, string explanation)
    {
        var content = new PageContent().Finding("error", title, explanation)
            .Raw($"<p>{PageContent.Link("/", "Back to the overview")}</p>");
        return Page(http, title, content, statusCode: statusCode);
    }

    /// <summary>The full HTML document.</summary>
    public static string Render(HttpContext http, string title, string bodyHtml, string? subtitle = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.Items.TryGetValue(typeof(DashboardUser), out var found) ? found as DashboardUser : null;
        var current = DashboardNavigation.CurrentFor(http.Request.Path.Value ?? "/");
        var page = new StringBuilder(bodyHtml.Length + 4096);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(PageContent.Encode(title)).Append(" · LatentOps</title>")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{AssetsPath}/dashboard.css\">")
            .Append(CultureInfo.InvariantCulture, $"<script src=\"{AssetsPath}/dashboard.js\" defer></script>")
            .Append("</head><body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"top\"><div class=\"bar\">")
            .Append("<a class=\"brand\" href=\"/\">LatentOps</a>");
        if (user is not null)
        {
            page.Append("<nav aria-label=\"Main\"><ul>");
            foreach (var item in DashboardNavigation.Items)
            {
                var isCurrent = ReferenceEquals(item, current);
                page.Append("<li><a href=\"").Append(PageContent.Encode(item.Path)).Append('"')
                    .Append(isCurrent ? " aria-current=\"page\"" : string.Empty).Append('>')
                    .Append(PageContent.Encode(item.Text)).Append("</a></li>");
            }

            page.Append("</ul></nav><div class=\"who\"><span>Signed in: ").Append(PageContent.Encode(user.Describe())).Append("</span>");
            if (user.KeyId is not null)
            {
                page.Append("<form method=\"post\" action=\"/signout\"><button type=\"submit\" class=\"link\">Sign out</button></form>");
            }

            page.Append("</div>");
        }

        page.Append("</div></header>\n<main id=\"main\" tabindex=\"-1\">\n<h1>").Append(PageContent.Encode(title)).Append("</h1>\n");
        if (subtitle is not null)
        {
            page.Append("<p class=\"subtitle\">").Append(PageContent.Encode(subtitle)).Append("</p>\n");
        }

        page.Append(bodyHtml)
            .Append("</main>\n<footer class=\"bottom\">LatentOps dashboard · page made ")
            .Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append("</footer>\n</body></html>\n");
        return page.ToString();
    }

    /// <summary>Headers every dashboard response carries: no framing, no sniffing, only this server's own scripts.</summary>
    internal static void SetSecurityHeaders(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }
}
