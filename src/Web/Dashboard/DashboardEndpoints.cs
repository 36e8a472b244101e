using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmiOrchestrator.Web.Dashboard;

/// <summary>
/// Serves the dashboard: one HTML page, its stylesheet and its script, embedded in this assembly at build time. The page
/// holds no data (it reads the API, with the token the person gives it), so it is served without a token.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Serve(http, "index.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/{file}", (string file, HttpContext http) => Serve(http, file)).ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!Assets.TryGetValue(file, out var asset))
            return TypedResults.NotFound();
        // Revalidated on every load (cheap with the ETag), so a new release's page is never mixed with an old script.
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = asset.ETag;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (file == "index.html")
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        const string prefix = "Dashboard/";
        var assembly = typeof(DashboardEndpoints).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[prefix.Length..], name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var content = copy.ToArray();
                return new Asset(content, ContentTypeOf(name), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            });
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
