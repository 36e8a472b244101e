using AmiOrchestrator.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace AmiOrchestrator.Web.Security;

/// <summary>
/// Lets a request through when it carries the token its endpoint's <see cref="Access"/> needs. No token, or one that is
/// not configured, is 401 (RFC 6750: the client should authenticate); a valid token that may not do this (the read
/// token on a write), or writes not enabled at all, is 403.
/// </summary>
internal sealed class TokenFilter(Access access) : IEndpointFilter
{
    private const string Scheme = "Bearer";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tokens = http.RequestServices.GetRequiredService<AccessTokens>();
        var refusal = access == Access.Read ? CheckRead(tokens, http) : CheckWrite(tokens, http);
        return refusal ?? await next(context);
    }

    private static IResult? CheckRead(AccessTokens tokens, HttpContext http)
    {
        if (tokens.ReadsAreOpen)
            return null;
        return Presented(http) switch
        {
            null => Unauthorized(http, null, "reads on this node need a bearer token (Authorization: Bearer <Web:ReadToken or Web:WriteToken>)"),
            var token when tokens.IsReadToken(token) || tokens.IsWriteToken(token) => null,
            _ => Unauthorized(http, "invalid_token", "the bearer token is not one this node accepts"),
        };
    }

    private static IResult? CheckWrite(AccessTokens tokens, HttpContext http)
    {
        if (!tokens.WritesAreEnabled)
        {
            return Problems.Of(
                StatusCodes.Status403Forbidden,
                "Writes are disabled",
                HeaderNames.Authorization,
                "this node takes no commands until a write token is configured: set Web:WriteToken (environment variable Web__WriteToken) and restart it");
        }
        return Presented(http) switch
        {
            null => Unauthorized(http, null, "commands need a bearer token (Authorization: Bearer <Web:WriteToken>)"),
            var token when tokens.IsWriteToken(token) => null,
            var token when tokens.IsReadToken(token) =>
                Problems.Of(StatusCodes.Status403Forbidden, "Forbidden", HeaderNames.Authorization, "the read token does not allow commands; use the write token"),
            _ => Unauthorized(http, "invalid_token", "the bearer token is not one this node accepts"),
        };
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    private static string? Presented(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase))
            return null;
        var token = header[(Scheme.Length + 1)..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static IResult Unauthorized(HttpContext http, string? error, string message)
    {
        http.Response.Headers.WWWAuthenticate = error is null
            ? $"{Scheme} realm=\"ami-orchestrator\""
            : $"{Scheme} realm=\"ami-orchestrator\", error=\"{error}\"";
        return Problems.Of(StatusCodes.Status401Unauthorized, "Unauthorized", HeaderNames.Authorization, message);
    }
}
