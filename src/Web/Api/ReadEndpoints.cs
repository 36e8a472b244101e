using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Web.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AmiOrchestrator.Web.Api;

/// <summary>The read API: the deployment list, one deployment, a lineage's history and the read model's own status.</summary>
internal static class ReadEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/deployments", ListAsync)
            .WithName("ListDeployments")
            .WithSummary("Deployments, newest submission first, one page at a time")
            .WithDescription(
                "Filters combine with AND: status (repeated or comma-separated: any of them), service, lineage (the infrastructure " +
                "definition id), submittedFrom (inclusive) and submittedBefore (exclusive) as ISO 8601 times with an offset. limit is " +
                "1-500 (default 50); cursor is the nextCursor of the previous page, valid only with the same filters.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/deployments/{deploymentId}", GetAsync)
            .WithName("GetDeployment")
            .WithSummary("One deployment: its live view and its timeline (steps, timings, warnings, capacities)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/lineages/{lineageId}", LineageAsync)
            .WithName("GetLineage")
            .WithSummary("A lineage's groups, newest revision first, with every capacity change the deployments recorded")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/read-model", StatusAsync)
            .WithName("GetReadModelStatus")
            .WithSummary("How far the read model (lists, timelines, lineages) is behind the journal");
    }

    private static async Task<Results<Ok<DeploymentPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] ListParameters parameters, HttpRequest request, EngineClient engine, CancellationToken cancellationToken)
    {
        var (query, problems) = parameters.Read(request.Query.Keys);
        if (query is null)
            return Problems.Invalid(problems);
        var result = await engine.ListAsync(query, cancellationToken);
        return result.Page is { } page ? TypedResults.Ok(page) : Problems.Invalid(result.Problems.Select(p => (p.Field, p.Message)));
    }

    private static async Task<Results<Ok<DeploymentDocument>, ProblemHttpResult>> GetAsync(string deploymentId, EngineClient engine, CancellationToken cancellationToken)
    {
        if (DeploymentIds.Problem(deploymentId) is { } problem)
            return Problems.Invalid("deploymentId", problem);
        var view = await engine.ViewAsync(deploymentId, cancellationToken);
        if (view is null)
            return UnknownDeployment(deploymentId);
        return TypedResults.Ok(new DeploymentDocument(view, await TimelineAsync(engine, deploymentId, cancellationToken)));
    }

    private static async Task<Results<Ok<LineageHistory>, ProblemHttpResult>> LineageAsync(string lineageId, EngineClient engine, CancellationToken cancellationToken)
    {
        var history = await engine.LineageAsync(lineageId, cancellationToken);
        return history.Groups.Count > 0
            ? TypedResults.Ok(history)
            : Problems.NotFound("lineageId", $"no deployment has recorded a group of lineage '{lineageId}'");
    }

    private static async Task<Ok<ProjectionStatus>> StatusAsync(EngineClient engine, CancellationToken cancellationToken) =>
        TypedResults.Ok(await engine.StatusAsync(engine.Timeout, cancellationToken));

    /// <summary>The deployment's timeline, or null while the read model has not seen it yet.</summary>
    public static async Task<DeploymentTimeline?> TimelineAsync(EngineClient engine, string deploymentId, CancellationToken cancellationToken)
    {
        var detail = await engine.DetailAsync(deploymentId, cancellationToken);
        if (detail is null)
            return null;
        return DeploymentTimeline.Of(detail, await engine.LineageAsync(detail.Summary.LineageId, cancellationToken));
    }

    public static ProblemHttpResult UnknownDeployment(string deploymentId) =>
        Problems.NotFound("deploymentId", $"no deployment has the id '{deploymentId}'");
}
