using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>One page of deployments, newest submission first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record DeploymentPage(ValueList<DeploymentSummary> Deployments, string? NextCursor);

/// <summary>A page of deployments, or every problem of the query that asked for it (which the HTTP API answers with a 400).</summary>
public sealed record DeploymentListResult(DeploymentPage? Page, ValueList<QueryProblem> Problems)
{
    public static DeploymentListResult Of(DeploymentPage page) => new(page, ValueList<QueryProblem>.Empty);

    public static DeploymentListResult Refused(ValueList<QueryProblem> problems) => new(null, problems);
}
