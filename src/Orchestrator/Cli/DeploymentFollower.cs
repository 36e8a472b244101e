using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Orchestrator.Client;
using AmiOrchestrator.Orchestrator.Display;
using Spectre.Console;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>Follows one deployment live until it ends (run, watch), answering its manual gates as <see cref="Approvals"/> says.</summary>
internal sealed class DeploymentFollower(EngineClient client, Terminal terminal, Approvals approvals, string contacts)
{
    private readonly List<string> notes = [];
    private readonly HashSet<string> gatesSeen = new(StringComparer.Ordinal);

    public async Task<DeploymentView> FollowAsync(string deploymentId, CancellationToken cancellationToken)
    {
        await using var views = client.WatchAsync(deploymentId, cancellationToken).GetAsyncEnumerator(cancellationToken);
        DeploymentView? last = null;
        while (true)
        {
            string? gateToAsk = null;
            // On a terminal the live view is left to ask a person about a gate, and drawn again after the answer.
            await terminal.ShowAsync(async show =>
            {
                while (await views.MoveNextAsync())
                {
                    last = views.Current;
                    if (last.Status == DeploymentStatus.AwaitingApproval && last.CurrentStep is { } gate && gatesSeen.Add(gate))
                    {
                        if (approvals == Approvals.Ask)
                        {
                            gateToAsk = gate;
                            show(last, notes);
                            return;
                        }
                        if (approvals == Approvals.Approve)
                            await AnswerAsync(new GatewayProtocol.Approve(deploymentId, Environment.UserName, gate), $"approved {gate}", cancellationToken);
                        else
                            notes.Add($"{gate} waits for approval: ami-orchestrator approve {deploymentId} --contact {contacts} (or reject {deploymentId} --reason ...)");
                    }
                    show(last, notes);
                    if (last.HasEnded)
                        return;
                }
            });
            if (gateToAsk is null)
                return last ?? throw new CliFailure(ExitCodes.Unreachable, $"the watch of {deploymentId} ended without a view");
            await AskAsync(deploymentId, gateToAsk, cancellationToken);
        }
    }

    private async Task AskAsync(string deploymentId, string gate, CancellationToken cancellationToken)
    {
        if (await terminal.Human.PromptAsync(new ConfirmationPrompt($"[bold]{Markup.Escape(gate)}[/] waits for approval. Approve?"), cancellationToken))
        {
            await AnswerAsync(new GatewayProtocol.Approve(deploymentId, Environment.UserName, gate), $"approved {gate}", cancellationToken);
            return;
        }
        var reason = await terminal.Human.PromptAsync(new TextPrompt<string>("Reason for rejecting:"), cancellationToken);
        await AnswerAsync(new GatewayProtocol.Reject(deploymentId, Environment.UserName, reason, gate), $"rejected {gate}: {reason}", cancellationToken);
    }

    private async Task AnswerAsync(object command, string done, CancellationToken cancellationToken)
    {
        var answer = await client.CommandAsync(command, cancellationToken);
        // Someone else may have answered the gate first; the deployment's next view says what became of it.
        notes.Add(answer is GatewayProtocol.Rejected rejected ? $"not {done}: {rejected.Reason}" : done);
    }
}
