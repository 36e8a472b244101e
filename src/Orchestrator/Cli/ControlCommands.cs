using System.CommandLine;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Orchestrator.Client;
using AmiOrchestrator.Orchestrator.Display;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>The verbs that act on a deployment: rollback, abort, approve, reject. Each exits 0 when the engine took the command.</summary>
internal static class ControlCommands
{
    private const string Codes = "Exits 0 when the engine took the command, 7 when it refused it in the deployment's state (the reason is printed), 8 for an unknown id, 10 when no node answered.";

    public static Command Rollback() => Create(
        "rollback",
        $"""
            Roll a deployment back: the previous group back to its sizes and policies, the new group drained and deleted.
            Works while it runs and after it failed or was aborted. {Codes}

            Examples:
              ami-orchestrator rollback checkout-2026-11-30 --reason "5xx rate up" --contact 127.0.0.1:4053
            """,
        reasonRequired: false,
        gate: false,
        (id, reason, _) => new GatewayProtocol.Rollback(id, Environment.UserName, reason ?? "requested from the command line"));

    public static Command Abort() => Create(
        "abort",
        $"""
            Abort a deployment after the step in progress; nothing more changes, and its groups stay as they are. {Codes}

            Examples:
              ami-orchestrator abort checkout-2026-11-30 --reason "wrong AMI" --contact 127.0.0.1:4053
            """,
        reasonRequired: false,
        gate: false,
        (id, reason, _) => new GatewayProtocol.Abort(id, Environment.UserName, reason ?? "requested from the command line"));

    public static Command Approve() => Create(
        "approve",
        $"""
            Let a deployment past the manual gate it waits at. {Codes}

            Examples:
              ami-orchestrator approve checkout-2026-11-30 --contact 127.0.0.1:4053
              ami-orchestrator approve checkout-2026-11-30 --gate checkout-2026-11-30/phase-3/approval/checkout__prod__3
            """,
        reasonRequired: false,
        gate: true,
        (id, _, gateStep) => new GatewayProtocol.Approve(id, Environment.UserName, gateStep));

    public static Command Reject() => Create(
        "reject",
        $"""
            Refuse the manual gate a deployment waits at: it rolls back (or fails, without rollbackOnFailure). {Codes}

            Examples:
              ami-orchestrator reject checkout-2026-11-30 --reason "latency regression in canary" --contact 127.0.0.1:4053
            """,
        reasonRequired: true,
        gate: true,
        (id, reason, gateStep) => new GatewayProtocol.Reject(id, Environment.UserName, reason!, gateStep));

    private static Command Create(string name, string description, bool reasonRequired, bool gate, Func<string, string?, string?, object> command)
    {
        var client = new ClientOptions();
        var id = new Argument<string>("ID") { Description = "The deployment's id." };
        var reason = new Option<string?>("--reason") { Description = "Why, in words the deployment's record keeps.", Required = reasonRequired };
        var gateStep = new Option<string?>("--gate") { Description = "The gate's step id (status shows it), so that an answer never lands on a later gate.", HelpName = "STEP" };
        var verb = client.AddTo(new Command(name, description) { id }, reads: false);
        if (!(gate && name == "approve"))
            verb.Options.Add(reason);
        if (gate)
            verb.Options.Add(gateStep);
        verb.SetAction(async (parse, cancellationToken) =>
        {
            var deploymentId = parse.GetValue(id)!;
            await using var engine = await client.ConnectAsync(parse, cancellationToken);
            // An unknown id is told apart from a refusal (exit 8, not 7) before anything is sent.
            await engine.GetAsync(deploymentId, cancellationToken);
            switch (await engine.CommandAsync(command(deploymentId, parse.GetValue(reason), parse.GetValue(gateStep)), cancellationToken))
            {
                case GatewayProtocol.Accepted accepted:
                    StandardOutput.Writer.WriteLine($"{name} {deploymentId}: {accepted.Message}");
                    return ExitCodes.Ok;
                case GatewayProtocol.Rejected rejected:
                    throw new CliFailure(rejected.Retryable ? ExitCodes.Unreachable : ExitCodes.Refused, $"{name} {deploymentId} refused: {rejected.Reason}");
                case var other:
                    throw EngineClient.Unexpected(other);
            }
        });
        return verb;
    }
}
