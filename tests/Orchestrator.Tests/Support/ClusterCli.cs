using System.Text.Json;

namespace AmiOrchestrator.Orchestrator.Tests.Support;

/// <summary>The command-line client verbs, run as processes against a cluster's contacts.</summary>
internal sealed class ClusterCli(ITestOutputHelper log, params string[] contacts)
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(1);

    public IEnumerable<string> ContactArguments => contacts.SelectMany(c => new[] { "--contact", c });

    public async Task<OrchestratorProcess> RunAsync(params string[] arguments) =>
        await OrchestratorProcess.RunAsync(log, arguments[0], [.. arguments, .. ContactArguments, "--timeout", "30"], Within);

    public OrchestratorProcess Start(params string[] arguments) =>
        OrchestratorProcess.Start(log, arguments[0], [.. arguments, .. ContactArguments, "--timeout", "30"]);

    /// <summary>A deployment's state as <c>status ID --output json</c> prints it.</summary>
    public async Task<JsonElement> StatusAsync(string deploymentId)
    {
        await using var status = await RunAsync("status", deploymentId, "--output", "json");
        Assert.True(status.ExitCode == 0, $"status exited {status.ExitCode}: {string.Join('\n', status.Errors)}");
        return JsonDocument.Parse(status.Output[^1]).RootElement.Clone();
    }

    public async Task SubmitAsync(string specPath, string deploymentId)
    {
        await using var submit = await RunAsync("submit", specPath, "--id", deploymentId);
        Assert.True(submit.ExitCode == 0, $"submit exited {submit.ExitCode}: {string.Join('\n', submit.Errors)}");
        Assert.Equal(deploymentId, submit.Output[^1]);
    }
}
