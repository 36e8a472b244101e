using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Web.Hosting;

namespace AmiOrchestrator.Orchestrator.Configuration;

/// <summary>Everything a node is started with, read from configuration and checked (<see cref="NodeConfiguration.Read"/>).</summary>
internal sealed record NodeSettings
{
    public required AmiOrchestratorOptions Engine { get; init; }

    /// <summary>Where the SQLite journal (and the demo's log) lives; unused for the journal when PostgreSQL is configured.</summary>
    public required string DataFolder { get; init; }

    public required CloudProvider Cloud { get; init; }

    /// <summary>AWS client settings; with the in-process simulator, the endpoint and keys are the simulator's.</summary>
    public required AwsOptions Aws { get; init; }

    /// <summary>The region the in-process simulator loads (deploy/simulator's format).</summary>
    public required string SimulatorFixtures { get; init; }

    /// <summary>
    /// Simulated seconds per real second for the node's clock (its timers, deadlines, polls, call budget) and for an
    /// in-process simulator's. Only against a simulator: AWS itself runs at one second per second.
    /// </summary>
    public required double ClockSpeed { get; init; }

    /// <summary>The HTTP addresses of the node's web surface.</summary>
    public required string Urls { get; init; }

    /// <summary>The web surface's tokens and timings (the <c>Web</c> section).</summary>
    public required WebOptions Web { get; init; }
}
