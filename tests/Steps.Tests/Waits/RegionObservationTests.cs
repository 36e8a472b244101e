using AmiOrchestrator.Steps.Waits;
using AmiOrchestrator.TestSupport.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Steps.Tests.Waits;

/// <summary>How many DescribeAutoScalingGroups calls one poll makes, counted by the simulated region.</summary>
public sealed class RegionObservationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly WaitRequirement[] ThreeGroups =
    [
        new(WebRegion.BaseAsg, [], [], TimeSpan.FromSeconds(5)),
        new(WebRegion.Older, [], [], TimeSpan.FromSeconds(5)),
        new(WebRegion.Previous, [], [], TimeSpan.FromSeconds(5)),
        // A second wait on a group already named adds no name to the call.
        new(WebRegion.Previous, [], [], TimeSpan.FromSeconds(1)),
    ];

    private SimulatedRegion region = null!;

    public async Task InitializeAsync() => region = await SimulatedRegion.StartAsync(new FakeTimeProvider(Start));

    public async Task DisposeAsync() => await region.DisposeAsync();

    [Fact]
    public async Task A_poll_names_every_watched_group_in_one_describe_by_default()
    {
        var observation = await RegionObservation.ReadAsync(region.Cloud, ThreeGroups, region.Clock, CancellationToken.None);

        Assert.Equal(3, observation.Groups.Count);
        var describe = Assert.Single(region.Control.Requests("DescribeAutoScalingGroups"));
        Assert.Equal(3, describe.Parameters.Keys.Count(k => k.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_poll_limited_to_one_group_per_describe_makes_one_call_per_group()
    {
        var observation = await RegionObservation.ReadAsync(region.Cloud, ThreeGroups, region.Clock, CancellationToken.None, groupsPerDescribe: 1);

        Assert.Equal(3, observation.Groups.Count);
        Assert.Equal(3, region.Control.Requests("DescribeAutoScalingGroups").Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task A_batch_size_DescribeAutoScalingGroups_cannot_take_is_refused(int groupsPerDescribe) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => RegionObservation.ReadAsync(region.Cloud, ThreeGroups, region.Clock, CancellationToken.None, groupsPerDescribe));
}
