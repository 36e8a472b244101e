using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Orchestrator.Client;

namespace AmiOrchestrator.Orchestrator.Cli;

/// <summary>Submitting a spec file under an id, as <c>submit</c> and <c>run</c> do.</summary>
internal static class Submission
{
    public static async Task<string> ReadSpecAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
            throw new CliFailure(ExitCodes.InvalidInput, $"SPEC: the file '{file}' does not exist");
        return await File.ReadAllTextAsync(file.FullName, cancellationToken);
    }

    /// <summary>An id for a submission that names none: unique enough for one person's submissions, and readable.</summary>
    public static string NewId(string prefix) =>
        $"{prefix}-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}";

    /// <summary>The engine's acceptance, or a <see cref="CliFailure"/> with every problem of the spec (each with its path) or the reason it was refused.</summary>
    public static async Task<GatewayProtocol.Accepted> SubmitAsync(EngineClient client, string deploymentId, string specJson, CancellationToken cancellationToken) =>
        await client.CommandAsync(new GatewayProtocol.Submit(deploymentId, Environment.UserName, SpecJson: specJson), cancellationToken) switch
        {
            GatewayProtocol.Accepted accepted => accepted,
            GatewayProtocol.Rejected { Problems.Count: > 0 } invalid => throw new CliFailure(
                ExitCodes.InvalidInput,
                $"{invalid.Reason}:" + string.Concat(invalid.Problems.Select(p => $"{Environment.NewLine}  {p.Path}: {p.Message}"))),
            GatewayProtocol.Rejected refused => throw new CliFailure(refused.Retryable ? ExitCodes.Unreachable : ExitCodes.Refused, refused.Reason),
            var other => throw EngineClient.Unexpected(other),
        };
}
