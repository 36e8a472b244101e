using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Web.Api;
using AmiOrchestrator.Web.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AmiOrchestrator.Web.Live;

/// <summary>The live streams' routes. Problems (a bad id, an unknown one, a bad filter) are answered before the stream starts, with their status code.</summary>
internal static class LiveEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/deployments/{deploymentId}/events", DeploymentAsync)
            .WithName("StreamDeployment")
            .WithSummary("Server-sent events for one deployment: 'view' (live status, phase, step, sizes) and 'timeline' (steps, timings, capacities)")
            .WithDescription("Starts with the current view and timeline, so a reconnect needs no replay; 'heartbeat' events keep an idle stream open.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/events/deployments", ListAsync)
            .WithName("StreamDeploymentList")
            .WithSummary("Server-sent events for a page of the deployment list: a 'page' event now and whenever the page changes")
            .WithDescription("Takes the list's parameters. Starts with the current page, so a reconnect needs no replay.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> DeploymentAsync(
        string deploymentId, EngineClient engine, LiveStreams streams, CancellationToken cancellationToken)
    {
        if (DeploymentIds.Problem(deploymentId) is { } problem)
            return Problems.Invalid("deploymentId", problem);
        if (await engine.ViewAsync(deploymentId, cancellationToken) is null)
            return ReadEndpoints.UnknownDeployment(deploymentId);
        return TypedResults.ServerSentEvents(streams.DeploymentAsync(deploymentId, cancellationToken));
    }

    private static Results<ServerSentEventsResult<string>, ProblemHttpResult> ListAsync(
        [AsParameters] ListParameters parameters, HttpRequest request, LiveStreams streams, CancellationToken cancellationToken)
    {
        var (query, problems) = parameters.Read(request.Query.Keys);
        return query is null ? Problems.Invalid(problems) : TypedResults.ServerSentEvents(streams.ListAsync(query, cancellationToken));
    }
}
