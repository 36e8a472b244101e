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

    /// <summary>
    /// Throttles every account, region and action with AWS-like token buckets (deploy/simulator/README.md lists the
    /// numbers). On by default, as in a real account; tests about something else turn it off, because a fake clock
    /// that does not move never refills a bucket.
    /// </summary>
    public bool RateLimiting { get; init; } = true;

    /// <summary>How many requests the inspection log keeps; older ones are forgotten, so a long run cannot exhaust memory.</summary>
    public int RequestLogCapacity { get; init; } = 10_000;

    /// <summary>
    /// How long a new group, or a change of a group's capacity, stays invisible to DescribeAutoScalingGroups (AWS's
    /// eventual consistency). Zero, the default, makes every change visible at once.
    /// </summary>
    public TimeSpan EventualConsistencyLag { get; init; }

    /// <summary>
    /// Refuses a signature dated more than 5 minutes from the simulated clock, as AWS does. Off by default: tests and
    /// demos run the simulated clock fast or fake, and real clients sign with the real time.
    /// </summary>
    public bool SignatureTimeCheck { get; init; }
}
