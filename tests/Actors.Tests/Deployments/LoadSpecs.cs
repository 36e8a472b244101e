using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Simulator;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.TestSupport.Cloud;

namespace AmiOrchestrator.Actors.Tests.Deployments;

/// <summary>
/// Fifty canary deployments of fifty lineages at once on one node, while the region throttles a fifth of all calls and
/// fails one in twenty (some of those after carrying the call out, or by dropping the connection), on top of its
/// AWS-like rate limits. Every deployment must succeed, and the node's watcher must read the groups in batches: each
/// poll makes at most one DescribeAutoScalingGroups per 50 groups it watches, as the simulator counts them.
/// </summary>
public sealed class LoadSpecs(ITestOutputHelper output)
{
    private const int Deployments = 50;

    [Fact]
    public async Task Fifty_deployments_under_throttling_and_server_errors_all_succeed_and_the_watcher_reads_groups_in_batches()
    {
        await using var engine = await DeploymentEngine.StartAsync(output, requestLogCapacity: 200_000);
        using var polls = new InstrumentRecorder<int>("AmiOrchestrator", "amiorchestrator.watcher.groups_per_poll");
        engine.Region.Control.SetFault("*", new FaultSettings(ThrottleRate: 0.2, ServerErrorRate: 0.02, AppliedServerErrorRate: 0.015, AppliedDropRate: 0.015));

        var ids = Enumerable.Range(1, Deployments).Select(i => $"load-{i}").ToList();
        var replies = await Task.WhenAll(ids.Select(id => engine.SubmitAsync(id, SpecFor(id))));
        Assert.All(replies, reply => Assert.True(reply.Accepted, reply.Message));
        var ends = await Task.WhenAll(ids.Select(id => engine.AwaitEndInJournalAsync(id, TimeSpan.FromMinutes(4))));
        polls.Dispose();

        Assert.All(ends, state => Assert.Equal(DeploymentStatus.Succeeded, state.Status));
        var requests = engine.Region.Control.Requests();
        var describes = requests.Where(r => r.Action == "DescribeAutoScalingGroups").ToList();
        // The watcher asks by name for every group it watches; steps and discovery ask for one group, or by tag.
        var batched = describes.Where(r => r.Succeeded && r.Parameters.Keys.Count(k => k.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal)) > 1).ToList();
        var pollSizes = polls.Values;
        var allowed = pollSizes.Where(g => g > 1).Sum(g => (g + 49) / 50);
        output.WriteLine(
            $"{Deployments} deployments: {requests.Count} requests ({requests.Count(r => !r.Succeeded)} failed or throttled, {requests.Count(r => r.AppliedDespiteFailure)} applied despite failing); " +
            $"{pollSizes.Length} polls watching up to {pollSizes.DefaultIfEmpty().Max()} groups; {batched.Count} batched describes (allowed {allowed}); " +
            $"{describes.Count} DescribeAutoScalingGroups in all");
        Assert.True(requests.Any(r => r.AppliedDespiteFailure), "an applied-then-failed fault was hit");
        Assert.True(pollSizes.Max() > 1, "the watcher watched several groups at once");
        Assert.InRange(batched.Count, 1, allowed);
        Assert.All(describes, r => Assert.InRange(r.Parameters.Keys.Count(k => k.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal)), 0, 50));
    }

    private static DeploymentSpec SpecFor(string id)
    {
        var spec = WebSpecs.Canary(50, 100);
        return spec with
        {
            Infrastructure = spec.Infrastructure with { Id = id },
            AsgNamePrefix = id,
            Capacity = new CapacitySpec { Mode = CapacityMode.Fixed, Min = 1, Desired = 2, Max = 4 },
            // A busy node at 50x: a deadline of an hour is 72 real seconds, which only a stuck deployment passes.
            Timeouts = spec.Timeouts with { SteadyState = Domain.Common.Duration.FromHours(1) },
        };
    }
}
