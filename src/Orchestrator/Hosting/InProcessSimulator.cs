using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Orchestrator.Cli;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Orchestrator.Hosting;

/// <summary>A simulated region in the node's own process, on the node's clock, so both agree on every duration.</summary>
internal static class InProcessSimulator
{
    public static async Task<SimulatedAws> StartAsync(string fixturesPath, TimeProvider time, string url, CancellationToken cancellationToken)
    {
        SimulatorFixtures fixtures;
        try
        {
            fixtures = SimulatorFixtures.Load(fixturesPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new CliFailure(ExitCodes.InvalidInput, $"--fixtures: '{fixturesPath}' could not be read: {e.Message}");
        }
        try
        {
            return await SimulatedAws.StartAsync(new SimulatorOptions { Url = url, Clock = time, Fixtures = fixtures }, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new CliFailure(ExitCodes.InvalidInput, $"--fixtures: '{fixturesPath}': {e.Message}");
        }
    }

    /// <summary>The AWS client settings that reach <paramref name="simulator"/>: its endpoint, signed with its default account's keys.</summary>
    public static AwsOptions ClientOptions(AwsOptions aws, SimulatedAws simulator) => aws with
    {
        EndpointUrl = simulator.Endpoint,
        AccessKeyId = SimulatedAccount.Default.AccessKeyId,
        SecretAccessKey = SimulatedAccount.Default.SecretAccessKey,
        SessionToken = null,
        RoleArn = null,
    };
}
