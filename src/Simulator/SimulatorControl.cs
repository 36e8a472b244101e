using AmiOrchestrator.Simulator.AutoScaling.Scaling;
using AmiOrchestrator.Simulator.CloudWatch;
using AmiOrchestrator.Simulator.Fixtures;
using AmiOrchestrator.Simulator.Hosting;
using AmiOrchestrator.Simulator.Inspection;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.Signing;
using AmiOrchestrator.Simulator.State;
using AmiOrchestrator.Simulator.Throttling;

namespace AmiOrchestrator.Simulator;

/// <summary>
/// Test-side control of a running simulator: state, fixtures, fault injection, throttling, the inspection log,
/// simulated metrics and alarm states, and the clock. The same operations are served over HTTP under
/// <c>/_simulator/</c> for out-of-process use. Operations on one region take the account and region they act on;
/// they default to the first configured account and us-east-1. Thread-safe.
/// </summary>
public sealed class SimulatorControl
{
    public const string DefaultRegion = "us-east-1";

    private readonly SimulatorState state;
    private readonly CredentialStore credentials;
    private readonly FaultInjector faults;
    private readonly RateLimiter limiter;
    private readonly RequestCounter requests;
    private readonly RequestLog log;
    private readonly SimulationSettings settings;
    private readonly SimulationClock clock;
    private readonly FixtureLoader fixtures;
    private readonly string defaultAccountId;

    internal SimulatorControl(
        SimulatorState state,
        CredentialStore credentials,
        FaultInjector faults,
        RateLimiter limiter,
        RequestCounter requests,
        RequestLog log,
        SimulationSettings settings,
        SimulationClock clock,
        FixtureLoader fixtures,
        string defaultAccountId)
    {
        this.state = state;
        this.credentials = credentials;
        this.faults = faults;
        this.limiter = limiter;
        this.requests = requests;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
        this.fixtures = fixtures;
        this.defaultAccountId = defaultAccountId;
    }

    /// <summary>The simulated time now.</summary>
    public DateTimeOffset Now => clock.UtcNow;

    /// <summary>Whether requests are throttled like AWS (on unless the options or a test turned it off).</summary>
    public bool RateLimiting
    {
        get => limiter.Enabled;
        set => limiter.Enabled = value;
    }

    /// <summary>How long new groups and capacity changes stay invisible to describe calls (zero: at once).</summary>
    public TimeSpan EventualConsistencyLag
    {
        get => settings.EventualConsistencyLag;
        set => settings.EventualConsistencyLag = value;
    }

    /// <summary>Whether a signature dated more than 5 minutes from the simulated clock is refused.</summary>
    public bool SignatureTimeCheck
    {
        get => settings.SignatureTimeCheck;
        set => settings.SignatureTimeCheck = value;
    }

    /// <summary>The sequence number of the latest request received; pass it as <c>since</c> to read only what follows.</summary>
    public long LastRequestSequence => log.LastSequence;

    /// <summary>
    /// Forgets every resource, issued session credential, fault, throttling bucket and override, request count and
    /// logged request. Settings (throttling on or off, lag, signature check) stay as they are.
    /// </summary>
    public void Reset()
    {
        state.Reset();
        credentials.ForgetSessions();
        faults.Clear();
        limiter.Reset();
        requests.Clear();
        log.Clear();
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

    /// <summary>
    /// The inspection log, oldest first: every request after sequence number <paramref name="since"/>, or only those of
    /// <paramref name="action"/>. The log keeps the latest <see cref="SimulatorOptions.RequestLogCapacity"/> requests.
    /// </summary>
    public IReadOnlyList<SimulatedRequest> Requests(string? action = null, long since = 0) => log.Read(action, since);

    /// <summary>Replaces one API's limit (named as <see cref="RateLimitState.Api"/> names it) in every account and region.</summary>
    public void SetRateLimit(string api, RateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        limiter.Override(api, limit);
    }

    /// <summary>Every bucket used so far: how full it is, how low it went, how many requests it refused.</summary>
    public IReadOnlyList<RateLimitState> RateLimits() => limiter.Snapshot(clock.UtcNow);

    /// <summary>
    /// Sets the metric a group's target-tracking policies track, as observed at its current desired capacity (it stands
    /// for a fixed load, so it falls as the group grows). The policies react on the simulated clock.
    /// </summary>
    /// <exception cref="ArgumentException">No such group.</exception>
    public void SetMetric(string groupName, double value, string? accountId = null, string? region = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupName);
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "The metric must be a finite number, zero or more.");
        InRegion(accountId, region, (r, now) =>
        {
            var group = r.Groups.GetValueOrDefault(groupName) ?? throw new ArgumentException($"There is no Auto Scaling group {groupName} in {r.AccountId}/{r.Region}.", nameof(groupName));
            group.SimulatedLoad = value * Math.Max(group.DesiredCapacity, 1);
            group.LoadChangedAt = now;
            TargetTrackingAlarms.Refresh(r, group, now);
        });
    }

    /// <summary>Sets a CloudWatch alarm's state, as SetAlarmState does; entering ALARM runs the scaling policies it names.</summary>
    /// <exception cref="ArgumentException">No such alarm, or not a state (OK, ALARM, INSUFFICIENT_DATA).</exception>
    public void SetAlarmState(string alarmName, string stateValue, string reason, string? accountId = null, string? region = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(alarmName);
        ArgumentException.ThrowIfNullOrEmpty(stateValue);
        InRegion(accountId, region, (r, now) =>
        {
            try
            {
                AlarmStates.Set(r, alarmName, stateValue, reason, null, now);
            }
            catch (AwsException error)
            {
                throw new ArgumentException(error.Message, nameof(alarmName), error);
            }
        });
    }

    /// <summary>The lifecycle actions instances wait on now, of every group or of one, as AWS's notifications would announce them.</summary>
    public IReadOnlyList<PendingLifecycleAction> LifecycleActions(string? groupName = null, string? accountId = null, string? region = null)
    {
        var actions = new List<PendingLifecycleAction>();
        InRegion(accountId, region, (r, _) => actions.AddRange(
            r.Groups.Values
                .Where(g => groupName is null || g.Name == groupName)
                .SelectMany(g => g.Instances)
                .SelectMany(i => i.PendingActions.Select(a => new PendingLifecycleAction(
                    i.GroupName, i.InstanceId, a.HookName, a.Transition, a.Token, a.TimesOutAt < a.GlobalTimeoutAt ? a.TimesOutAt : a.GlobalTimeoutAt)))
                .OrderBy(a => a.GroupName, StringComparer.Ordinal)
                .ThenBy(a => a.InstanceId, StringComparer.Ordinal)));
        return actions;
    }

    /// <summary>Simulated seconds per real second; only when the simulator runs on the system clock.</summary>
    /// <exception cref="InvalidOperationException">The simulator runs on an injected (fake) clock.</exception>
    public void SetClockSpeed(double speed) => clock.SetSpeed(speed);

    internal double ClockSpeed => clock.Speed;

    internal IReadOnlyDictionary<string, int> RequestCounts() => requests.Snapshot();

    internal IReadOnlyDictionary<string, FaultSettings> Faults() => faults.Snapshot();

    internal IReadOnlyDictionary<string, RateLimit> RateLimitOverrides() => limiter.Overrides();

    // A control change is a moment on the region's timeline like a request: what was due happens first, and what the
    // change sets off at once happens before anyone reads the region again.
    private void InRegion(string? accountId, string? region, Action<RegionState, DateTimeOffset> change)
    {
        var target = state.Region(accountId ?? defaultAccountId, region ?? DefaultRegion);
        lock (target.Gate)
        {
            var now = clock.UtcNow;
            target.Advance(now);
            change(target, now);
            target.Changed();
            target.Advance(now);
        }
    }
}
