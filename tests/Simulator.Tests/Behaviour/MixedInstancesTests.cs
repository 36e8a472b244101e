using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Mixed-instances groups: weights fill desired capacity, on-demand base and percentage split the fleet, overrides go in order.</summary>
public sealed class MixedInstancesTests : SimulatorTest
{
    [Fact]
    public async Task Weighted_capacity_counts_towards_desired_capacity()
    {
        await CreateMixedAsync("weighted", desired: 6, onDemandBase: 0, percentage: 100, overrides: [("m5.xlarge", "4"), ("m5.large", "2")]);

        var group = await GroupAsync("weighted");
        var instances = group.Items("Instances");

        // Prioritized on-demand takes the first override: two instances of four units fill six (and round up to eight).
        Assert.Equal(2, instances.Count);
        Assert.All(instances, i => Assert.Equal(("m5.xlarge", "4"), (i.Text("InstanceType"), i.Text("WeightedCapacity"))));
        Assert.Equal("6", group.Text("DesiredCapacity"));
    }

    [Fact]
    public async Task The_on_demand_base_comes_first_then_the_percentage_above_it_with_spot_spread_over_the_first_pools()
    {
        await CreateMixedAsync("split", desired: 6, onDemandBase: 2, percentage: 50, overrides: [("c5.large", null), ("c5a.large", null), ("c6i.large", null)]);

        var ec2 = (await Client.Ec2Async("DescribeInstances")).Descendants().Where(e => e.Name.LocalName == "instancesSet").SelectMany(s => s.Elements());
        var fleet = ec2.Select(i => (Type: i.Text("instanceType"), Spot: i.Find("instanceLifecycle") == "spot")).ToList();

        // Two on-demand as the base, then of the four above it half on-demand and half spot. On-demand takes the first
        // override; the two spot instances go one to each of the first two pools.
        Assert.Equal(["c5.large", "c5.large", "c5.large", "c5.large"], fleet.Where(i => !i.Spot).Select(i => i.Type));
        Assert.Equal(["c5.large", "c5a.large"], fleet.Where(i => i.Spot).Select(i => i.Type).Order());
    }

    [Fact]
    public async Task Scale_in_of_a_weighted_group_never_drops_below_desired_capacity()
    {
        await CreateMixedAsync("weighted", desired: 6, onDemandBase: 0, percentage: 100, overrides: [("m5.large", "2")]);

        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "weighted"), ("DesiredCapacity", "3"));
        var states = (await GroupAsync("weighted")).Items("Instances").Select(i => i.Text("LifecycleState")).ToList();

        Assert.Equal(1, states.Count(s => s == "Terminating"));
        Assert.Equal(2, states.Count(s => s == "Pending"));
    }

    private Task CreateMixedAsync(string name, int desired, int onDemandBase, int percentage, (string Type, string? Weight)[] overrides)
    {
        var parameters = new List<(string, string)>
        {
            ("AutoScalingGroupName", name), ("MinSize", "0"), ("MaxSize", "20"), ("DesiredCapacity", $"{desired}"),
            ("VPCZoneIdentifier", "subnet-0a,subnet-0b"),
            ("MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId", TestRegion.TemplateId),
            ("MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity", $"{onDemandBase}"),
            ("MixedInstancesPolicy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity", $"{percentage}"),
        };
        for (var i = 0; i < overrides.Length; i++)
        {
            parameters.Add(($"MixedInstancesPolicy.LaunchTemplate.Overrides.member.{i + 1}.InstanceType", overrides[i].Type));
            if (overrides[i].Weight is { } weight)
                parameters.Add(($"MixedInstancesPolicy.LaunchTemplate.Overrides.member.{i + 1}.WeightedCapacity", weight));
        }
        return Client.AutoScalingAsync("CreateAutoScalingGroup", [.. parameters]);
    }
}
