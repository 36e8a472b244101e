using System.CommandLine;
using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Orchestrator.Display;

using Spectre.Console;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>The verbs that read: one deployment's status, and lists.</summary>
internal static class ReadCommands
{
    public static Command Status()
    {
        var client = new ClientOptions();
        var id = new Argument<string>("ID") { Description = "The deployment's id." };
        var command = client.AddTo(
            new Command("status", """
                Show one deployment: status, phase, step in progress, its groups' sizes, warnings and failure.
                Exits 0 when the deployment exists, whatever its state (8 when it does not).

                Examples:
                  ami-orchestrator status checkout-2026-11-30 --contact 127.0.0.1:4053
                  ami-orchestrator status checkout-2026-11-30 --output json | jq .status
                """)
            {
                id,
            },
            reads: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = client.Terminal(parse);
            await using var engine = await client.ConnectAsync(parse, cancellationToken);
            var view = await engine.GetAsync(parse.GetValue(id)!, cancellationToken);
            terminal.Human.Write(DeploymentRendering.Live(view, []));
            terminal.Result(DeploymentResult.Of(view).ToJson());
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command List()
    {
        var client = new ClientOptions();
        var status = new Option<string[]>("--status")
        {
            Description = "Only deployments in this status (queued, settingUp, deploying, awaitingApproval, swapping, succeeded, rollingBack, rolledBack, rollbackFailed, failed, aborted); repeat for several.",
        };
        var lineage = new Option<string?>("--lineage") { Description = "Only this lineage (the infrastructure definition id)." };
        var service = new Option<string?>("--service") { Description = "Only this service." };
        var limit = new Option<int>("--limit") { Description = $"At most this many, newest first (1-{DeploymentListQuery.MaxLimit}). Default {DeploymentListQuery.DefaultLimit}.", DefaultValueFactory = _ => DeploymentListQuery.DefaultLimit };
        var cursor = new Option<string?>("--cursor") { Description = "Continue a previous list where it stopped (its nextCursor)." };
        var command = client.AddTo(
            new Command("list", """
                List deployments, newest first, from the cluster's read model.

                Examples:
                  ami-orchestrator list --contact 127.0.0.1:4053
                  ami-orchestrator list --status deploying --status awaitingApproval --lineage checkout-prod
                  ami-orchestrator list --limit 10 --output json
                """)
            {
                status,
                lineage,
                service,
                limit,
                cursor,
            },
            reads: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = client.Terminal(parse);
            var query = new DeploymentListQuery
            {
                Statuses = (parse.GetValue(status) ?? []).ToValueList(),
                Lineage = parse.GetValue(lineage),
                Service = parse.GetValue(service),
                Limit = parse.GetValue(limit),
                Cursor = parse.GetValue(cursor),
            };
            // The engine checks the query too; checking here names the problem without a round trip.
            if (query.Problems() is { Count: > 0 } problems)
                throw new CliFailure(ExitCodes.InvalidInput, string.Join(Environment.NewLine, problems.Select(p => $"--{p.Field}: {p.Message}")));
            await using var engine = await client.ConnectAsync(parse, cancellationToken);
            var answer = await engine.QueryAsync(new ReadModelProtocol.ListDeployments(query), cancellationToken) as DeploymentListResult
                ?? throw new CliFailure(ExitCodes.Unexpected, "the engine did not answer the list with deployments");
            if (answer.Page is not { } page)
                throw new CliFailure(ExitCodes.InvalidInput, string.Join(Environment.NewLine, answer.Problems.Select(p => $"--{p.Field}: {p.Message}")));
            terminal.Human.Write(DeploymentRendering.List(page));
            if (page.NextCursor is { } next)
                terminal.Human.WriteLine($"more: --cursor {next}");
            terminal.Result(DeploymentResult.ToJson(new { deployments = page.Deployments, nextCursor = page.NextCursor }));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Follows a deployment until it ends; exits as <c>run</c> does, with its end's code.</summary>
    public static Command Watch()
    {
        var client = new ClientOptions();
        var id = new Argument<string>("ID") { Description = "The deployment's id." };
        var command = client.AddTo(
            new Command("watch", $"""
                Follow a deployment live until it ends, then print its lineage's groups. It keeps following when the node it
                talks to dies (it moves to another --contact) and while the deployment moves to another node.
                {ExitCodes.Legend}

                Examples:
                  ami-orchestrator watch checkout-2026-11-30 --contact 127.0.0.1:4053 --contact 127.0.0.1:4054
                  ami-orchestrator watch checkout-2026-11-30 --output json | tail -n 1
                """)
            {
                id,
            },
            reads: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = client.Terminal(parse);
            await using var engine = await client.ConnectAsync(parse, cancellationToken);
            var contacts = string.Join(" --contact ", client.Contacts(parse));
            var end = await new DeploymentFollower(engine, terminal, Approvals.Tell, contacts).FollowAsync(parse.GetValue(id)!, cancellationToken);
            return await Ending.ReportAsync(engine, terminal, end, cancellationToken);
        });
        return command;
    }
}
