using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AmiOrchestrator.Web.Api;

/// <summary>
/// Error answers as RFC 9457 problem details. Every one carries an <c>errors</c> map from the field at fault (a query
/// parameter, a body member with its JSON path, the route's <c>deploymentId</c>, the <c>Authorization</c> header, the
/// deployment's <c>status</c>) to what is wrong with it, so a client can show the message next to what it sent.
/// </summary>
internal static class Problems
{
    public static ProblemHttpResult Invalid(IEnumerable<(string Field, string Message)> problems)
    {
        var errors = problems
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        var detail = string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
        return Of(StatusCodes.Status400BadRequest, "The request is invalid", detail, errors);
    }

    public static ProblemHttpResult Invalid(string field, string message) => Invalid([(field, message)]);

    public static ProblemHttpResult NotFound(string field, string message) =>
        Of(StatusCodes.Status404NotFound, "Not found", field, message);

    /// <summary>The deployment is in a state where the command means nothing (approve with no gate waiting, roll back a success).</summary>
    public static ProblemHttpResult Conflict(string message) =>
        Of(StatusCodes.Status409Conflict, "The deployment's state does not allow this", "status", message);

    /// <summary>The engine did not answer in time, or its database did not: nothing is known to have happened.</summary>
    public static ProblemHttpResult Unavailable(string message) =>
        Of(StatusCodes.Status503ServiceUnavailable, "The engine could not answer", "engine", message);

    public static ProblemHttpResult Of(int status, string title, string field, string message) =>
        Of(status, title, $"{field}: {message}", new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static ProblemHttpResult Of(int status, string title, string detail, Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["errors"] = errors },
        });
}
