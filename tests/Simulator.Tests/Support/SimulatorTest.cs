using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Simulator.Tests.Support;

/// <summary>
/// Base of tests that run against a fresh simulator on a fake clock, loaded with <see cref="TestRegion"/>, with a
/// signed Query client and an AWS CLI for the default account. Everything is stopped when the test ends.
/// </summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    private SimulatedAws? simulator;
    private QueryClient? client;
    private AwsCli? cli;

    protected FakeTimeProvider Clock { get; } = TestRegion.NewClock();

    protected SimulatedAws Simulator => simulator ?? throw new InvalidOperationException("Not started.");

    internal QueryClient Client => client ?? throw new InvalidOperationException("Not started.");

    internal AwsCli Cli => cli ?? throw new InvalidOperationException("Not started.");

    public virtual async Task InitializeAsync()
    {
        simulator = await TestRegion.StartAsync(Clock);
        client = new QueryClient(simulator.Endpoint, SimulatedAccount.Default);
        cli = new AwsCli(simulator.Endpoint, SimulatedAccount.Default);
    }

    public virtual async Task DisposeAsync()
    {
        cli?.Dispose();
        client?.Dispose();
        if (simulator is not null)
            await simulator.DisposeAsync();
    }

    protected void Advance(int seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>The group as DescribeAutoScalingGroups shows it.</summary>
    internal async Task<XElement> GroupAsync(string name) =>
        Assert.Single((await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", name)))
            .Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));

    /// <summary>The group's instances: id, lifecycle state and health status.</summary>
    internal async Task<List<(string Id, string State, string Health)>> InstancesAsync(string group) =>
        (await GroupAsync(group)).Items("Instances")
            .Select(i => (i.Text("InstanceId"), i.Text("LifecycleState"), i.Text("HealthStatus")))
            .ToList();

    /// <summary>The group's scaling activities, newest first.</summary>
    internal async Task<IReadOnlyList<XElement>> ActivitiesAsync(string group) =>
        (await Client.AutoScalingAsync("DescribeScalingActivities", ("AutoScalingGroupName", group)))
            .Items("DescribeScalingActivitiesResult/Activities");
}
