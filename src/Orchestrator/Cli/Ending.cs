using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Orchestrator.Client;
using AmiOrchestrator.Orchestrator.Display;

using Spectre.Console;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>How a followed deployment's end is reported (run, watch): the lineage's groups, the outcome, and its exit code.</summary>
internal static class Ending
{
    public static async Task<int> ReportAsync(EngineClient engine, Terminal terminal, DeploymentView end, CancellationToken cancellationToken)
    {
        if (await engine.LineageAfterAsync(end, cancellationToken) is { } lineage)
            terminal.Human.Write(DeploymentRendering.Lineage(lineage));
        var took = end.StartedAt is { } started && end.EndedAt is { } ended ? $" after {(ended - started).TotalSeconds:0} s (deployment clock)" : "";
        terminal.Human.WriteLine($"{end.DeploymentId} ended {DeploymentRendering.StatusName(end.Status)}{took}{(end.FailureReason is { } reason ? ": " + reason : "")}");
        terminal.Result(DeploymentResult.Of(end).ToJson());
        return ExitCodes.Of(end.Status);
    }
}
