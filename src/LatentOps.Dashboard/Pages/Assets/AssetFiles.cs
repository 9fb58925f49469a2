using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Dashboard.Pages.Assets;

/// <summary>The vendored stylesheet and script, embedded in the assembly and served without authentication (the sign-in page needs them).</summary>
internal static class AssetFiles
{
    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Files = Load();

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(Layout.DashboardLayout.AssetsPath + "/{file}", Serve).AllowAnonymous().ExcludeFromDescription();

    private static IResult Serve(string file, HttpContext http)
    {
        if (!Files.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=3600";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(asset.Content, asset.Type);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "LatentOps.Dashboard.Assets.";
        var assembly = typeof(AssetFiles).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var file = name[prefix.Length..];
            var type = Path.GetExtension(file) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files[file] = (copy.ToArray(), type);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
