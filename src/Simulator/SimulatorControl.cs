using AmiOrchestrator.Simulator.Fixtures;
using AmiOrchestrator.Simulator.Hosting;
using AmiOrchestrator.Simulator.Signing;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator;

/// <summary>
/// Test-side control of a running simulator: state, fixtures, fault injection, request counts and clock speed.
/// The same operations are served over HTTP under <c>/_simulator/</c> for out-of-process use. Thread-safe.
/// </summary>
public sealed class SimulatorControl
{
    private readonly SimulatorState state;
    private readonly CredentialStore credentials;
    private readonly FaultInjector faults;
    private readonly RequestCounter requests;
    private readonly SimulationClock clock;
    private readonly FixtureLoader fixtures;

    internal SimulatorControl(
        SimulatorState state,
        CredentialStore credentials,
        FaultInjector faults,
        RequestCounter requests,
        SimulationClock clock,
        FixtureLoader fixtures)
    {
        this.state = state;
        this.credentials = credentials;
        this.faults = faults;
        this.requests = requests;
        this.clock = clock;
        this.fixtures = fixtures;
    }

    /// <summary>The simulated time now.</summary>
    public DateTimeOffset Now => clock.UtcNow;

    /// <summary>Forgets every resource, issued session credential, fault and request count.</summary>
    public void Reset()
    {
        state.Reset();
        credentials.ForgetSessions();
        faults.Clear();
        requests.Clear();
    }

    /// <summary>Adds the fixtures' resources to the current state.</summary>
    /// <exception cref="ArgumentException">A resource is not valid or already exists; the message names it.</exception>
    public void LoadFixtures(SimulatorFixtures fixtures)
    {
        ArgumentNullException.ThrowIfNull(fixtures);
        this.fixtures.Load(fixtures, clock.UtcNow);
    }

    /// <summary>Injects failures into one action (such as "DescribeAutoScalingGroups"), or into every action with "*".</summary>
    public void SetFault(string action, FaultSettings fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        faults.Set(action, fault);
    }

    public void ClearFaults() => faults.Clear();

    /// <summary>Requests received for the action, including throttled, failed and refused ones.</summary>
    public int RequestCount(string action) => requests.Count(action);

    /// <summary>Simulated seconds per real second; only when the simulator runs on the system clock.</summary>
    /// <exception cref="InvalidOperationException">The simulator runs on an injected (fake) clock.</exception>
    public void SetClockSpeed(double speed) => clock.SetSpeed(speed);

    internal double ClockSpeed => clock.Speed;

    internal IReadOnlyDictionary<string, int> RequestCounts() => requests.Snapshot();

    internal IReadOnlyDictionary<string, FaultSettings> Faults() => faults.Snapshot();
}
