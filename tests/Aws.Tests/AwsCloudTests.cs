using System.Net;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Aws.Tests.Support;
using AmiOrchestrator.Domain.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests;

/// <summary>How the ICloud operations use the APIs: chunking, paging, and what needs no call at all.</summary>
public sealed class AwsCloudTests : IDisposable
{
    private readonly StubAws stub = new();
    private readonly AwsCloudProvider provider;
    private readonly ICloud cloud;

    public AwsCloudTests()
    {
        provider = TestProviders.Create(stub, new FakeTimeProvider());
        cloud = provider.For(new CloudTarget("us-east-1", null));
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task DescribeAsgs_asks_for_at_most_fifty_names_per_call()
    {
        var names = Enumerable.Range(1, 120).Select(i => $"g{i}").ToList();
        stub.Otherwise = r => StubAws.Text(HttpStatusCode.OK, AwsXml.Result(
            "DescribeAutoScalingGroups",
            "<AutoScalingGroups>" + string.Concat(r.Form.Where(p => p.Key.StartsWith("AutoScalingGroupNames.", StringComparison.Ordinal)).Select(p => AwsXml.Group(p.Value))) + "</AutoScalingGroups>"));

        var groups = await cloud.DescribeAsgsAsync([.. names, "g1"], CancellationToken.None);

        Assert.Equal(names, groups.Select(g => g.Name));
        Assert.Equal([50, 50, 20], stub.Requests.Select(r => r.Form.Keys.Count(k => k.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal))));
        Assert.All(stub.Requests, r => Assert.Equal("100", r.Form["MaxRecords"]));
    }

    [Fact]
    public async Task DescribeAsgs_follows_next_tokens_to_the_last_page()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeAutoScalingGroups", $"<AutoScalingGroups>{AwsXml.Group("a")}</AutoScalingGroups><NextToken>t1</NextToken>"));
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeAutoScalingGroups", $"<AutoScalingGroups>{AwsXml.Group("b")}</AutoScalingGroups><NextToken>t2</NextToken>"));
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeAutoScalingGroups", $"<AutoScalingGroups>{AwsXml.Group("c")}</AutoScalingGroups>"));

        var groups = await cloud.DescribeAsgsAsync(["a", "b", "c"], CancellationToken.None);

        Assert.Equal(["a", "b", "c"], groups.Select(g => g.Name));
        Assert.Equal([null, "t1", "t2"], stub.Requests.Select(r => r.Form.GetValueOrDefault("NextToken")));
        Assert.All(stub.Requests, r => Assert.Equal("c", r.Form["AutoScalingGroupNames.member.3"]));
    }

    [Fact]
    public async Task A_page_token_that_repeats_is_refused_instead_of_followed_forever()
    {
        stub.Otherwise = _ => StubAws.Text(HttpStatusCode.OK, AwsXml.Result("DescribePolicies", "<ScalingPolicies/><NextToken>same</NextToken>"));

        var error = await Assert.ThrowsAsync<CloudException>(() => cloud.DescribePoliciesAsync("web", CancellationToken.None));

        Assert.Equal(InvalidResponse.Code, error.Error.Code);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Asking_about_nothing_makes_no_call()
    {
        Assert.Empty(await cloud.DescribeAsgsAsync([], CancellationToken.None));
        Assert.Empty(await cloud.DescribeTargetGroupsAsync([], CancellationToken.None));
        await cloud.TagAsgAsync("web", [], CancellationToken.None);
        await cloud.UntagAsgAsync("web", [], CancellationToken.None);
        await cloud.AttachTargetGroupsAsync("web", [], CancellationToken.None);
        await cloud.DetachLoadBalancersAsync("web", [], CancellationToken.None);

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Target_groups_are_attached_ten_at_a_time()
    {
        stub.Otherwise = r => StubAws.Text(HttpStatusCode.OK, AwsXml.Result(r.Action, string.Empty));
        var arns = Enumerable.Range(1, 23).Select(i => $"arn:tg/{i}").ToList();

        await cloud.AttachTargetGroupsAsync("web", arns, CancellationToken.None);
        await cloud.DetachTargetGroupsAsync("web", arns[..3], CancellationToken.None);

        Assert.Equal(
            [("AttachLoadBalancerTargetGroups", 10), ("AttachLoadBalancerTargetGroups", 10), ("AttachLoadBalancerTargetGroups", 3), ("DetachLoadBalancerTargetGroups", 3)],
            stub.Requests.Select(r => (r.Action, r.Form.Keys.Count(k => k.StartsWith("TargetGroupARNs.member.", StringComparison.Ordinal)))));
        Assert.Equal(arns, stub.Requests.Take(3).SelectMany(r => r.Form.Where(p => p.Key.StartsWith("TargetGroupARNs.", StringComparison.Ordinal)).Select(p => p.Value)));
    }

    [Fact]
    public async Task Classic_load_balancers_are_attached_and_detached_by_name()
    {
        stub.Otherwise = r => StubAws.Text(HttpStatusCode.OK, AwsXml.Result(r.Action, string.Empty));

        await cloud.AttachLoadBalancersAsync("web", ["lb-a", "lb-b"], CancellationToken.None);
        await cloud.DetachLoadBalancersAsync("web", ["lb-a"], CancellationToken.None);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "AttachLoadBalancers", ["Version"] = "2011-01-01", ["AutoScalingGroupName"] = "web",
                ["LoadBalancerNames.member.1"] = "lb-a", ["LoadBalancerNames.member.2"] = "lb-b",
            },
            stub.Requests[0].Form);
        Assert.Equal("DetachLoadBalancers", stub.Requests[1].Action);
    }

    [Fact]
    public async Task Scaling_activities_stop_at_the_requested_count()
    {
        static string Activity(int i) =>
            $"<member><ActivityId>a{i}</ActivityId><StatusCode>Successful</StatusCode><StartTime>2026-01-01T00:00:{i:D2}Z</StartTime></member>";
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeScalingActivities", $"<Activities>{Activity(1)}{Activity(2)}</Activities><NextToken>n</NextToken>"));
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeScalingActivities", $"<Activities>{Activity(3)}{Activity(4)}</Activities><NextToken>m</NextToken>"));

        var activities = await cloud.DescribeScalingActivitiesAsync("web", 3, CancellationToken.None);

        Assert.Equal(["a1", "a2", "a3"], activities.Select(a => a.ActivityId));
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task Target_groups_page_with_marker_and_next_marker()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Result(
            "DescribeTargetGroups",
            "<TargetGroups><member><TargetGroupArn>arn:1</TargetGroupArn><TargetGroupName>one</TargetGroupName></member></TargetGroups><NextMarker>mk</NextMarker>",
            AwsXml.ElbV2Ns));
        stub.Respond(HttpStatusCode.OK, AwsXml.Result(
            "DescribeTargetGroups",
            "<TargetGroups><member><TargetGroupArn>arn:2</TargetGroupArn><TargetGroupName>two</TargetGroupName></member></TargetGroups>",
            AwsXml.ElbV2Ns));

        var groups = await cloud.DescribeTargetGroupsAsync(["arn:1", "arn:2"], CancellationToken.None);

        Assert.Equal(["one", "two"], groups.Select(g => g.Name));
        Assert.Equal([null, "mk"], stub.Requests.Select(r => r.Form.GetValueOrDefault("Marker")));
        Assert.Equal("400", stub.Requests[0].Form["PageSize"]);
    }

    [Fact]
    public async Task A_missing_launch_configuration_is_null_not_an_error()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Result("DescribeLaunchConfigurations", "<LaunchConfigurations/>"));

        Assert.Null(await cloud.DescribeLaunchConfigurationAsync("gone", CancellationToken.None));
        Assert.Equal("gone", stub.Requests[0].Form["LaunchConfigurationNames.member.1"]);
    }
}
