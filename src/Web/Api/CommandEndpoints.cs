using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Web.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AmiOrchestrator.Web.Api;

/// <summary>
/// The write API. Every command goes to the node's gateway exactly as a cluster-client command does, and its answer
/// maps onto HTTP: Accepted is 200 (202 for a submission, which runs on), Rejected with field problems is 400, a
/// deployment in the wrong state is 409, and an engine that could not answer in time is 503 (send it again: every
/// command is idempotent by deployment id). The write token also guards the one administrative command, the read
/// model's rebuild.
/// </summary>
internal static class CommandEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/deployments", SubmitAsync)
            .WithName("SubmitDeployment")
            .WithSummary("Deploy a spec under the caller's deployment id (the same request again starts nothing new)")
            .Accepts<SubmitRequest>("application/json")
            .Produces<GatewayProtocol.Accepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        MapCommand<ApproveRequest>(api, "approve", "ApproveDeployment", "Let the deployment past the approval gate that waits", (id, r) =>
            (new GatewayProtocol.Approve(id, r.By!, r.GateStepId), Required(("by", r.By))));
        MapCommand<RejectRequest>(api, "reject", "RejectDeployment", "Refuse the approval gate that waits (the deployment rolls back)", (id, r) =>
            (new GatewayProtocol.Reject(id, r.By!, r.Reason!, r.GateStepId), Required(("by", r.By), ("reason", r.Reason))));
        MapCommand<InterruptRequest>(api, "rollback", "RollBackDeployment", "Roll the deployment back (also retries a failed rollback)", (id, r) =>
            (new GatewayProtocol.Rollback(id, r.By!, r.Reason!), Required(("by", r.By), ("reason", r.Reason))));
        MapCommand<InterruptRequest>(api, "abort", "AbortDeployment", "Stop the deployment after the step in progress, changing nothing more", (id, r) =>
            (new GatewayProtocol.Abort(id, r.By!, r.Reason!), Required(("by", r.By), ("reason", r.Reason))));
        MapRebuild(api);
    }

    private static void MapRebuild(RouteGroupBuilder api) =>
        api.MapPost("/read-model/rebuild", async (HttpContext http, EngineClient engine, CancellationToken cancellationToken) =>
            {
                var (body, unreadable) = await RequestBody.ReadAsync<RebuildRequest>(http.Request, cancellationToken);
                if (unreadable is not null)
                    return unreadable;
                if (Required(("by", body!.By)) is { Count: > 0 } problems)
                    return Problems.Invalid(problems);
                var started = await engine.RebuildAsync(body.By!, cancellationToken);
                http.Response.Headers.Location = $"{http.Request.PathBase}/api/read-model";
                return TypedResults.Json(started, statusCode: StatusCodes.Status202Accepted);
            })
            .WithName("RebuildReadModel")
            .WithSummary("Empty the read model and project the whole journal again; GET /api/read-model follows the catch-up")
            .WithTags("Read model")
            .Accepts<RebuildRequest>("application/json")
            .Produces<ReadModelProtocol.RebuildStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static void MapCommand<TRequest>(
        RouteGroupBuilder api, string verb, string name, string summary, Func<string, TRequest, (object Command, List<(string, string)> Problems)> command)
        where TRequest : class =>
        api.MapPost($"/deployments/{{deploymentId}}/{verb}", async (string deploymentId, HttpContext http, EngineClient engine, CancellationToken cancellationToken) =>
            {
                var (body, unreadable) = await RequestBody.ReadAsync<TRequest>(http.Request, cancellationToken);
                if (unreadable is not null)
                    return unreadable;
                var (message, problems) = command(deploymentId, body!);
                if (DeploymentIds.Problem(deploymentId) is { } idProblem)
                    problems.Insert(0, ("deploymentId", idProblem));
                if (problems.Count > 0)
                    return Problems.Invalid(problems);
                // An id nobody submitted is a 404; the gateway would refuse it too, but only in words.
                if (await engine.ViewAsync(deploymentId, cancellationToken) is null)
                    return ReadEndpoints.UnknownDeployment(deploymentId);
                return Answer(http, await engine.CommandAsync(message, cancellationToken), StatusCodes.Status200OK);
            })
            .WithName(name)
            .WithSummary(summary)
            .Accepts<TRequest>("application/json")
            .Produces<GatewayProtocol.Accepted>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> SubmitAsync(HttpContext http, EngineClient engine, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await RequestBody.ReadAsync<SubmitRequest>(http.Request, cancellationToken);
        if (unreadable is not null)
            return unreadable;
        var problems = Required(("deploymentId", body!.DeploymentId), ("submittedBy", body.SubmittedBy));
        if (body.Spec is not { ValueKind: System.Text.Json.JsonValueKind.Object } spec)
            problems.Add(("spec", "is required: the deployment spec as a JSON object"));
        if (problems.Count > 0)
            return Problems.Invalid(problems);
        var answer = await engine.CommandAsync(new GatewayProtocol.Submit(body.DeploymentId!, body.SubmittedBy!, SpecJson: body.Spec!.Value.GetRawText()), cancellationToken);
        if (answer is GatewayProtocol.Accepted)
            http.Response.Headers.Location = $"{http.Request.PathBase}/api/deployments/{Uri.EscapeDataString(body.DeploymentId!)}";
        return Answer(http, answer, StatusCodes.Status202Accepted, SubmissionField);
    }

    private static IResult Answer(HttpContext http, object answer, int acceptedStatus, Func<string, string>? field = null) => answer switch
    {
        GatewayProtocol.Accepted accepted => TypedResults.Json(accepted, statusCode: acceptedStatus),
        GatewayProtocol.Rejected { Retryable: true } retry => Retry(http, retry.Reason),
        GatewayProtocol.Rejected { Problems.Count: > 0 } invalid => Problems.Invalid(invalid.Problems.Select(p => ((field ?? (f => f))(p.Path), p.Message))),
        GatewayProtocol.Rejected refused => Problems.Conflict(refused.Reason),
        _ => throw new InvalidOperationException($"the gateway answered {answer.GetType().Name}, which is not a GatewayProtocol answer"),
    };

    /// <summary>
    /// The gateway names the submission's own fields (<c>deploymentId</c>, <c>submittedBy</c>) and the spec's by their
    /// path inside the spec; in the request body the spec sits under <c>spec</c>.
    /// </summary>
    private static string SubmissionField(string path) => path switch
    {
        "deploymentId" or "submittedBy" => path,
        "" or "$" => "spec",
        _ => "spec." + path,
    };

    private static IResult Retry(HttpContext http, string reason)
    {
        http.Response.Headers.RetryAfter = "1";
        return Problems.Unavailable(reason);
    }

    private static List<(string, string)> Required(params (string Field, string? Value)[] fields) =>
        [.. fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Field, "is required"))];
}
