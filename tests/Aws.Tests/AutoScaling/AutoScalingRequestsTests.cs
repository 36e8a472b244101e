using AmiOrchestrator.Aws.AutoScaling;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Tests.AutoScaling;

public sealed class AutoScalingRequestsTests
{
    [Fact]
    public void CreateGroup_encodes_every_field_in_query_form()
    {
        var request = AutoScalingRequests.CreateGroup(new CreateAsgRequest
        {
            Name = "checkout__prod__7",
            LaunchTemplate = new LaunchTemplateSpec("lt-0123456789abcdef0", "checkout", "4"),
            MinSize = 1,
            MaxSize = 4,
            DesiredCapacity = 2,
            DefaultCooldown = 120,
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            VpcZoneIdentifier = "subnet-0a,subnet-0b",
            HealthCheckType = "ELB",
            HealthCheckGracePeriod = 300,
            TargetGroupArns = ["arn:tg/a"],
            LoadBalancerNames = ["classic"],
            TerminationPolicies = ["OldestInstance", "Default"],
            NewInstancesProtectedFromScaleIn = false,
            PlacementGroup = "pg",
            CapacityRebalance = true,
            MaxInstanceLifetime = 86400,
            DefaultInstanceWarmup = 60,
            LifecycleHooks =
            [
                new LifecycleHook
                {
                    Name = "drain", Transition = "autoscaling:EC2_INSTANCE_TERMINATING", HeartbeatTimeout = 300,
                    DefaultResult = "CONTINUE", NotificationTargetArn = "arn:sqs", RoleArn = "arn:role", NotificationMetadata = "{}",
                },
            ],
            Tags = [new AsgTag("Name", "checkout__prod__7"), new AsgTag("team", "payments", PropagateAtLaunch: false)],
        });

        Assert.Equal("CreateAutoScalingGroup", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["AutoScalingGroupName"] = "checkout__prod__7",
                ["LaunchTemplate.LaunchTemplateId"] = "lt-0123456789abcdef0",
                ["LaunchTemplate.Version"] = "4",
                ["MinSize"] = "1",
                ["MaxSize"] = "4",
                ["DesiredCapacity"] = "2",
                ["DefaultCooldown"] = "120",
                ["AvailabilityZones.member.1"] = "us-east-1a",
                ["AvailabilityZones.member.2"] = "us-east-1b",
                ["VPCZoneIdentifier"] = "subnet-0a,subnet-0b",
                ["HealthCheckType"] = "ELB",
                ["HealthCheckGracePeriod"] = "300",
                ["TargetGroupARNs.member.1"] = "arn:tg/a",
                ["LoadBalancerNames.member.1"] = "classic",
                ["TerminationPolicies.member.1"] = "OldestInstance",
                ["TerminationPolicies.member.2"] = "Default",
                ["NewInstancesProtectedFromScaleIn"] = "false",
                ["PlacementGroup"] = "pg",
                ["CapacityRebalance"] = "true",
                ["MaxInstanceLifetime"] = "86400",
                ["DefaultInstanceWarmup"] = "60",
                ["LifecycleHookSpecificationList.member.1.LifecycleHookName"] = "drain",
                ["LifecycleHookSpecificationList.member.1.LifecycleTransition"] = "autoscaling:EC2_INSTANCE_TERMINATING",
                ["LifecycleHookSpecificationList.member.1.NotificationMetadata"] = "{}",
                ["LifecycleHookSpecificationList.member.1.HeartbeatTimeout"] = "300",
                ["LifecycleHookSpecificationList.member.1.DefaultResult"] = "CONTINUE",
                ["LifecycleHookSpecificationList.member.1.NotificationTargetARN"] = "arn:sqs",
                ["LifecycleHookSpecificationList.member.1.RoleARN"] = "arn:role",
                ["Tags.member.1.ResourceId"] = "checkout__prod__7",
                ["Tags.member.1.ResourceType"] = "auto-scaling-group",
                ["Tags.member.1.Key"] = "Name",
                ["Tags.member.1.Value"] = "checkout__prod__7",
                ["Tags.member.1.PropagateAtLaunch"] = "true",
                ["Tags.member.2.ResourceId"] = "checkout__prod__7",
                ["Tags.member.2.ResourceType"] = "auto-scaling-group",
                ["Tags.member.2.Key"] = "team",
                ["Tags.member.2.Value"] = "payments",
                ["Tags.member.2.PropagateAtLaunch"] = "false",
            },
            request.Parameters.ToDictionary());
    }

    [Fact]
    public void CreateGroup_with_a_mixed_instances_policy_nests_template_overrides_and_distribution()
    {
        var request = AutoScalingRequests.CreateGroup(new CreateAsgRequest
        {
            Name = "mixed",
            MixedInstancesPolicy = new MixedInstancesPolicy
            {
                LaunchTemplate = new LaunchTemplateSpec(null, "web", "$Default"),
                Overrides = [LaunchTemplateOverride.ForInstanceType("t3.micro"), LaunchTemplateOverride.ForInstanceType("t3a.micro", "2")],
                OnDemandBaseCapacity = 0,
                OnDemandPercentageAboveBaseCapacity = 50,
                SpotAllocationStrategy = "price-capacity-optimized",
            },
            MaxSize = 2,
        });

        var form = request.Parameters.ToDictionary();
        Assert.Equal("web", form["MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateName"]);
        Assert.Equal("$Default", form["MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version"]);
        Assert.Equal("t3.micro", form["MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.InstanceType"]);
        Assert.False(form.ContainsKey("MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.WeightedCapacity"));
        Assert.Equal("2", form["MixedInstancesPolicy.LaunchTemplate.Overrides.member.2.WeightedCapacity"]);
        Assert.Equal("0", form["MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity"]);
        Assert.Equal("50", form["MixedInstancesPolicy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity"]);
        Assert.Equal("price-capacity-optimized", form["MixedInstancesPolicy.InstancesDistribution.SpotAllocationStrategy"]);
        Assert.DoesNotContain(form.Keys, k => k.StartsWith("LaunchTemplate.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_known_by_id_and_name_is_sent_by_id_alone()
    {
        var request = AutoScalingRequests.CreateGroup(new CreateAsgRequest
        {
            Name = "g",
            LaunchTemplate = new LaunchTemplateSpec("lt-1", "web", null),
        });

        var form = request.Parameters.ToDictionary();
        Assert.Equal("lt-1", form["LaunchTemplate.LaunchTemplateId"]);
        Assert.False(form.ContainsKey("LaunchTemplate.LaunchTemplateName"));
        Assert.False(form.ContainsKey("LaunchTemplate.Version"));
    }

    [Fact]
    public void UpdateCapacity_sends_only_the_sizes_given()
    {
        var request = AutoScalingRequests.UpdateCapacity("web", new CapacityUpdate(MinSize: null, DesiredCapacity: 3, MaxSize: 6));

        Assert.Equal(
            new Dictionary<string, string> { ["AutoScalingGroupName"] = "web", ["MaxSize"] = "6", ["DesiredCapacity"] = "3" },
            request.Parameters.ToDictionary());
    }

    [Theory]
    [InlineData("team", "payments", "tag:team", "payments")]
    [InlineData("ami-orchestrator:lineage", null, "tag-key", "ami-orchestrator:lineage")]
    public void DescribeGroupsByTag_filters_on_the_tag_on_the_server(string key, string? value, string filterName, string filterValue)
    {
        var request = AutoScalingRequests.DescribeGroupsByTag(key, value);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Filters.member.1.Name"] = filterName,
                ["Filters.member.1.Values.member.1"] = filterValue,
                ["MaxRecords"] = "100",
            },
            request.Parameters.ToDictionary());
    }

    [Fact]
    public void DeleteTags_names_each_key_of_the_group()
    {
        var request = AutoScalingRequests.DeleteTags("web", ["a", "b"]);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Tags.member.1.ResourceId"] = "web",
                ["Tags.member.1.ResourceType"] = "auto-scaling-group",
                ["Tags.member.1.Key"] = "a",
                ["Tags.member.2.ResourceId"] = "web",
                ["Tags.member.2.ResourceType"] = "auto-scaling-group",
                ["Tags.member.2.Key"] = "b",
            },
            request.Parameters.ToDictionary());
    }

    [Fact]
    public void PutScheduledAction_sends_times_in_utc_iso_form()
    {
        var request = AutoScalingRequests.PutScheduledAction("web", new ScheduledAction
        {
            Name = "nightly",
            Recurrence = "0 0 * * *",
            StartTime = new DateTimeOffset(2026, 5, 1, 2, 0, 0, TimeSpan.FromHours(2)),
            MinSize = 0,
            MaxSize = 2,
            DesiredCapacity = 0,
            TimeZone = "Europe/Paris",
        });

        Assert.Equal("PutScheduledUpdateGroupAction", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["AutoScalingGroupName"] = "web",
                ["ScheduledActionName"] = "nightly",
                ["StartTime"] = "2026-05-01T00:00:00.000Z",
                ["Recurrence"] = "0 0 * * *",
                ["MinSize"] = "0",
                ["MaxSize"] = "2",
                ["DesiredCapacity"] = "0",
                ["TimeZone"] = "Europe/Paris",
            },
            request.Parameters.ToDictionary());
    }

    [Fact]
    public void PutLifecycleHook_names_group_hook_and_transition()
    {
        var request = AutoScalingRequests.PutLifecycleHook("web", new LifecycleHook
        {
            Name = "warm", Transition = "autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout = 60, DefaultResult = "ABANDON",
        });

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["AutoScalingGroupName"] = "web",
                ["LifecycleHookName"] = "warm",
                ["LifecycleTransition"] = "autoscaling:EC2_INSTANCE_LAUNCHING",
                ["HeartbeatTimeout"] = "60",
                ["DefaultResult"] = "ABANDON",
            },
            request.Parameters.ToDictionary());
    }

    [Fact]
    public void DescribeScalingActivities_never_asks_for_more_than_aws_allows_per_page()
    {
        Assert.Equal("100", AutoScalingRequests.DescribeScalingActivities("web", 500).Parameters.ToDictionary()["MaxRecords"]);
        Assert.Equal("5", AutoScalingRequests.DescribeScalingActivities("web", 5).Parameters.ToDictionary()["MaxRecords"]);
    }
}
