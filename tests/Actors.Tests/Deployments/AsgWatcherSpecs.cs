using Akka.Actor;
using AmiOrchestrator.Actors.Watching;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Steps.Waits;
using AmiOrchestrator.TestSupport.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Actors.Tests.Deployments;

/// <summary>
/// The watcher on a clock the test moves, against the simulated region over HTTP: when it reads, and with how many
/// DescribeAutoScalingGroups calls (counted in the simulator's request log).
/// </summary>
public sealed class AsgWatcherSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    private static readonly CloudTarget Target = new("us-east-1", null);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SimulatedRegion region = null!;
    private Akka.TestKit.Xunit2.TestKit kit = null!;
    private IActorRef watcher = null!;

    public async Task InitializeAsync()
    {
        region = await SimulatedRegion.StartAsync(new FakeTimeProvider(clock.GetUtcNow()));
        // Made on a thread of its own, as EngineNode explains: the TestKit's implicit sender is thread-static.
        var creator = new Thread(() => kit = new Akka.TestKit.Xunit2.TestKit(ActorSystem.Create("watcher-specs"), output));
        creator.Start();
        creator.Join();
        watcher = kit.Sys.ActorOf(AsgWatcher.Props(region.Cloud, clock, TimeSpan.FromSeconds(5), RegionObservation.MaxGroupsPerDescribe));
    }

    public async Task DisposeAsync()
    {
        await kit.Sys.Terminate();
        await region.DisposeAsync();
    }

    [Fact]
    public void A_resumed_wait_is_read_promptly_while_a_fresh_one_waits_for_the_next_poll()
    {
        var fresh = kit.CreateTestProbe();
        var resumed = kit.CreateTestProbe();
        Subscribe(fresh, WebRegion.Older, promptly: false);
        Subscribe(resumed, WebRegion.Previous, promptly: true);

        clock.Advance(AsgWatcher.CatchUpDelay);

        var observed = resumed.ExpectMsg<WatchProtocol.Observed>().Observation;
        Assert.Equal(WebRegion.Previous, observed.Group?.Name);
        Assert.Equal(4, observed.Group!.Instances.Count);
        fresh.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Single(Describes());

        clock.Advance(PollInterval - AsgWatcher.CatchUpDelay);

        Assert.Equal(WebRegion.Older, fresh.ExpectMsg<WatchProtocol.Observed>().Observation.Group?.Name);
        resumed.ExpectMsg<WatchProtocol.Observed>();
        Assert.Equal(2, Describes().Count);
    }

    [Fact]
    public void A_hundred_and_twenty_waits_resumed_together_share_one_catch_up_poll_of_three_describes()
    {
        var probes = Enumerable.Range(1, 120).Select(i => (Probe: kit.CreateTestProbe(), Group: $"web__resumed__{i}")).ToList();
        foreach (var (probe, group) in probes)
            Subscribe(probe, group, promptly: true);

        clock.Advance(AsgWatcher.CatchUpDelay);

        foreach (var (probe, group) in probes)
            Assert.Equal(group, probe.ExpectMsg<WatchProtocol.Observed>().Observation.AsgName);
        Assert.Equal(3, Describes().Count);
    }

    private void Subscribe(Akka.TestKit.TestProbe subscriber, string group, bool promptly)
    {
        watcher.Tell(new WatchProtocol.Subscribe(Target, new WaitRequirement(group, ValueList<string>.Empty, ValueList<string>.Empty, PollInterval), subscriber.Ref, promptly), subscriber.Ref);
        // The watcher handles its mailbox in order: once it answers Identify, the subscription is in, and its timers are
        // set on the clock before the test moves it.
        watcher.Tell(new Identify(null), subscriber.Ref);
        subscriber.ExpectMsg<ActorIdentity>();
    }

    private List<string> Describes() =>
        [.. region.Control.Requests("DescribeAutoScalingGroups").Select(r => r.Action)];
}
