using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Several clients at once see consistent state.</summary>
public sealed class ConcurrencyTests : SimulatorTest
{
    [Fact]
    public async Task Concurrent_clients_create_and_resize_groups_without_losing_any()
    {
        var clients = Enumerable.Range(0, 8).Select(_ => new QueryClient(Simulator.Endpoint, SimulatedAccount.Default)).ToList();
        try
        {
            await Task.WhenAll(clients.Select(async (client, n) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    var name = $"g-{n}-{i}";
                    await client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup(name, 0, 3, 1));
                    await client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", name), ("DesiredCapacity", "2"));
                    await client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", name));
                }
            }));

            var groups = new List<System.Xml.Linq.XElement>();
            string? token = null;
            do
            {
                var page = await Client.AutoScalingAsync("DescribeAutoScalingGroups", token is null ? [("MaxRecords", "100")] : [("MaxRecords", "100"), ("NextToken", token)]);
                groups.AddRange(page.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
                token = page.Find("NextToken");
            }
            while (token is not null);

            Assert.Equal(40, groups.Count);
            Assert.All(groups, g => Assert.Equal(2, g.Items("Instances").Count));
            var instanceIds = groups.SelectMany(g => g.Items("Instances")).Select(i => i.Text("InstanceId")).ToList();
            Assert.Equal(instanceIds.Count, instanceIds.Distinct().Count());
            Assert.Equal(80, Simulator.Control.RequestCount("CreateAutoScalingGroup") + Simulator.Control.RequestCount("SetDesiredCapacity"));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
