namespace AmiOrchestrator.Simulator;

/// <summary>How to start a <see cref="SimulatedAws"/>.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Where to listen; port 0 picks a free port (read it back from <see cref="SimulatedAws.Endpoint"/>).</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>The simulated time. Tests pass a FakeTimeProvider and advance it to move instances along.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The accounts whose keys sign requests; fixtures without an account go to the first.</summary>
    public IReadOnlyList<SimulatedAccount> Accounts { get; init; } = [SimulatedAccount.Default];

    /// <summary>The seed of the random draws that decide which calls fault injection fails.</summary>
    public int FaultSeed { get; init; } = 1;

    public SimulatorFixtures? Fixtures { get; init; }
}
