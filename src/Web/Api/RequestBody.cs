using System.Text.Json;
using AmiOrchestrator.Domain.Common;
using Microsoft.AspNetCore.Http;

namespace AmiOrchestrator.Web.Api;

/// <summary>
/// Reads a JSON request body as strictly as a spec is read (<see cref="DomainJson"/>): a misspelt member is an error
/// naming it, not a setting silently ignored. A body that cannot be read comes back as the problem, with its JSON path.
/// </summary>
internal static class RequestBody
{
    /// <summary>
    /// Command bodies are a few hundred bytes and specs a few kilobytes; a megabyte is generous, and a larger body is
    /// refused before it is read into memory.
    /// </summary>
    private const long MaxBytes = 1024 * 1024;

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength is > MaxBytes)
            return (null, Problems.Invalid("body", $"is {request.ContentLength} bytes; at most {MaxBytes} are read"));
        if (request.ContentLength == 0)
            return (null, Problems.Invalid("body", "is empty; send a JSON object"));
        if (!request.HasJsonContentType())
            return (null, Problems.Invalid("Content-Type", $"'{request.ContentType}' is not application/json"));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, DomainJson.Options, cancellationToken);
            return body is null ? (null, Problems.Invalid("body", "must be a JSON object, not null")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid(Field(e.Path), Describe(e)));
        }
    }

    /// <summary><c>$.spec.capacity</c> is reported as <c>spec.capacity</c>; the root as <c>body</c>.</summary>
    private static string Field(string? path) => path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // System.Text.Json's messages name CLR types and members; the caller knows only the JSON they sent.
    private static string Describe(JsonException e) => e switch
    {
        // The reader's own error (truncated or malformed text) comes wrapped, with the position in the text.
        { InnerException: JsonException } => $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})",
        _ when e.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) => "is not a member of this request (check the spelling)",
        _ when e.Message.Contains("could not be converted", StringComparison.Ordinal) => "has the wrong type (strings are quoted, numbers are not)",
        _ => FirstSentence(e.Message),
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
