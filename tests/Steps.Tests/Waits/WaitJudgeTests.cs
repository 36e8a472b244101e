using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Steps.Waits;

namespace AmiOrchestrator.Steps.Tests.Waits;

/// <summary>The judge of waits is a pure function of one observation: these tests need no cloud.</summary>
public sealed class WaitJudgeTests
{
    private const string TargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-prod/0123456789abcdef";
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Duration Poll = Duration.FromSeconds(5);

    private static AsgDescription Group(params AsgInstance[] instances) => new()
    {
        Name = "web__prod__3",
        DesiredCapacity = instances.Length,
        Instances = instances.ToValueList(),
        Tags = [new AsgTag(LineageTags.DeploymentKey, "dep-1")],
    };

    private static AsgInstance Instance(string id, string lifecycle = "InService", string health = "Healthy") => new(id, lifecycle, health);

    private static GroupObservation Observe(
        AsgDescription? group, IReadOnlyList<TargetHealth>? targets = null, IReadOnlyList<LoadBalancerInstanceHealth>? classic = null, CloudError? targetGroupError = null) => new(
        "web__prod__3",
        group,
        targets is null ? new Dictionary<string, IReadOnlyList<TargetHealth>>() : new() { [TargetGroup] = targets },
        classic is null ? new Dictionary<string, IReadOnlyList<LoadBalancerInstanceHealth>>() : new() { ["web-classic"] = classic },
        targetGroupError is null ? new Dictionary<string, CloudError>() : new() { [TargetGroup] = targetGroupError },
        At);

    private static WaitSteady Steady(int desired, bool withTargetGroup = false, bool withClassic = false, bool missingIsDone = false, string? ownedBy = null) => new(
        "web__prod__3",
        desired,
        withTargetGroup ? [TargetGroup] : [],
        withClassic ? ["web-classic"] : [],
        Poll,
        missingIsDone,
        ownedBy);

    [Fact]
    public void Steady_when_exactly_the_desired_instances_are_in_service_and_healthy_everywhere()
    {
        var verdict = WaitJudge.Judge(
            Steady(2, withTargetGroup: true, withClassic: true),
            Observe(
                Group(Instance("i-1"), Instance("i-2")),
                [new TargetHealth("i-1", "healthy"), new TargetHealth("i-2", "healthy")],
                [new LoadBalancerInstanceHealth("i-1", "InService"), new LoadBalancerInstanceHealth("i-2", "InService")]));

        Assert.IsType<WaitVerdict.Done>(verdict);
    }

    public static TheoryData<string, string> NotSteady => new()
    {
        { "one too few", "1 instances, waiting for 2" },
        { "pending", "i-2 Pending/Healthy" },
        { "waiting on a lifecycle hook", "i-2 Pending:Wait/Healthy" },
        { "unhealthy", "i-2 InService/Unhealthy" },
        { "terminating extra", "3 instances, waiting for 2" },
        { "initial in target group", "i-2 initial" },
        { "not registered", "i-2 unregistered" },
        { "out of service in classic", "out of service in web-classic: i-2" },
    };

    [Theory]
    [MemberData(nameof(NotSteady))]
    public void Not_steady_until_every_condition_holds_and_the_reason_says_which(string situation, string reason)
    {
        AsgInstance[] instances = situation switch
        {
            "one too few" => [Instance("i-1")],
            "pending" => [Instance("i-1"), Instance("i-2", "Pending")],
            "waiting on a lifecycle hook" => [Instance("i-1"), Instance("i-2", "Pending:Wait")],
            "unhealthy" => [Instance("i-1"), Instance("i-2", health: "Unhealthy")],
            "terminating extra" => [Instance("i-1"), Instance("i-2"), Instance("i-3", "Terminating")],
            _ => [Instance("i-1"), Instance("i-2")],
        };
        var targets = situation switch
        {
            "initial in target group" => new[] { new TargetHealth("i-1", "healthy"), new TargetHealth("i-2", "initial") },
            "not registered" => [new TargetHealth("i-1", "healthy")],
            _ => instances.Select(i => new TargetHealth(i.InstanceId, "healthy")).ToArray(),
        };
        var classic = instances.Select(i => new LoadBalancerInstanceHealth(i.InstanceId, situation == "out of service in classic" && i.InstanceId == "i-2" ? "OutOfService" : "InService")).ToArray();

        var verdict = WaitJudge.Judge(Steady(2, withTargetGroup: true, withClassic: true), Observe(Group(instances), targets, classic));

        Assert.Contains(reason, Assert.IsType<WaitVerdict.NotYet>(verdict).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_not_visible_yet_is_waited_for_but_a_teardown_counts_it_gone()
    {
        Assert.IsType<WaitVerdict.NotYet>(WaitJudge.Judge(Steady(0), Observe(null)));
        Assert.IsType<WaitVerdict.Done>(WaitJudge.Judge(Steady(0, missingIsDone: true), Observe(null)));
    }

    [Fact]
    public void An_owner_checked_wait_on_another_deployments_group_is_done_without_judging_it()
    {
        var verdict = WaitJudge.Judge(Steady(0, ownedBy: "dep-2"), Observe(Group(Instance("i-1"))));

        Assert.Contains("left alone", Assert.IsType<WaitVerdict.Done>(verdict).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_group_that_does_not_exist_fails_the_wait_at_once()
    {
        var missing = CloudError.FromAws(CloudErrorCodes.TargetGroupNotFound, "One or more target groups not found", 400);

        var verdict = WaitJudge.Judge(Steady(1, withTargetGroup: true), Observe(Group(Instance("i-1")), targetGroupError: missing));

        Assert.Equal(CloudErrorCodes.TargetGroupNotFound, Assert.IsType<WaitVerdict.Failed>(verdict).Failure.Code);
    }

    [Fact]
    public void Deregistered_once_no_instance_of_the_group_is_registered_draining_included()
    {
        var wait = new WaitDeregistered("web__prod__3", [TargetGroup], [], Poll);
        var group = Group(Instance("i-1"), Instance("i-2"));

        var draining = WaitJudge.Judge(wait, Observe(group, [new TargetHealth("i-1", "draining"), new TargetHealth("i-9", "healthy")]));
        var gone = WaitJudge.Judge(wait, Observe(group, [new TargetHealth("i-9", "healthy"), new TargetHealth("i-2", "unused")]));

        Assert.Contains("i-1 draining", Assert.IsType<WaitVerdict.NotYet>(draining).Reason, StringComparison.Ordinal);
        Assert.IsType<WaitVerdict.Done>(gone);
    }
}
