using System.CommandLine;
using AmiOrchestrator.Orchestrator.Display;

using Spectre.Console;

namespace AmiOrchestrator.Orchestrator.Cli;

internal static class SubmitCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var spec = new Argument<FileInfo>("SPEC") { Description = "The deployment spec, a JSON file (deploy/examples has some)." };
        var id = new Option<string?>("--id")
        {
            Description = "The deployment's id (1-64 letters, digits, '.', '_', '-'). Submitting the same id again is the same deployment. Default: a new one.",
        };
        var command = client.AddTo(
            new Command("submit", """
                Submit a deployment to a running cluster and print its id.

                Examples:
                  ami-orchestrator submit deploy/examples/canary.json --contact 127.0.0.1:4053
                  ami-orchestrator submit spec.json --id checkout-2026-11-30 --contact 10.0.0.5:4053 --contact 10.0.0.6:4053 --output json
                """)
            {
                spec,
                id,
            },
            reads: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = client.Terminal(parse);
            var json = await Submission.ReadSpecAsync(parse.GetValue(spec)!, cancellationToken);
            await using var engine = await client.ConnectAsync(parse, cancellationToken);
            var accepted = await Submission.SubmitAsync(engine, parse.GetValue(id) ?? Submission.NewId("dep"), json, cancellationToken);
            terminal.Human.WriteLine(accepted.DeploymentId);
            terminal.Result(DeploymentResult.ToJson(new { id = accepted.DeploymentId, status = accepted.Status, queuePosition = accepted.QueuePosition, message = accepted.Message }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
