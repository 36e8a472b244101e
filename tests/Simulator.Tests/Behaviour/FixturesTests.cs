using System.Text.Json;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Fixtures load from JSON into the state a deployment expects to find, and bad ones are refused.</summary>
public sealed class FixturesTests : IAsyncLifetime
{
    private static readonly string ExamplePath = Path.Combine(AppContext.BaseDirectory, "fixtures", "example.json");

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider clock = TestRegion.NewClock();
    private SimulatedAws? simulator;
    private QueryClient? client;

    private QueryClient Client => client!;

    public async Task InitializeAsync()
    {
        simulator = await SimulatedAws.StartAsync(new SimulatorOptions { Clock = clock, Fixtures = SimulatorFixtures.Load(ExamplePath) });
        client = new QueryClient(simulator.Endpoint, SimulatedAccount.Default);
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (simulator is not null)
            await simulator.DisposeAsync();
    }

    [Fact]
    public async Task The_example_holds_a_lineage_found_by_its_tag_with_the_live_revision_running_healthy()
    {
        var lineage = await Client.AutoScalingAsync(
            "DescribeAutoScalingGroups", ("Filters.member.1.Name", "tag:ami-orchestrator:lineage"), ("Filters.member.1.Values.member.1", "checkout-prod"));
        var groups = lineage.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups");
        var targets = await Client.ElbV2Async(
            "DescribeTargetHealth", ("TargetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-prod/0123456789abcdef"));

        Assert.Equal(["checkout-prod-r1", "checkout-prod-r2"], groups.Select(g => g.Text("AutoScalingGroupName")));
        Assert.Equal(["1", "2"], groups.Select(g => g.Items("Tags").Single(t => t.Text("Key") == "ami-orchestrator:revision").Text("Value")));
        var live = groups[1];
        Assert.Equal(2, live.Items("Instances").Count);
        Assert.All(live.Items("Instances"), i => Assert.Equal(("InService", "Healthy", "2"), (i.Text("LifecycleState"), i.Text("HealthStatus"), i.Text("LaunchTemplate/Version"))));
        Assert.Equal(2, targets.Items("DescribeTargetHealthResult/TargetHealthDescriptions").Count(t => t.Text("TargetHealth/State") == "healthy"));
    }

    [Fact]
    public async Task The_example_base_groups_carry_what_a_deployment_copies()
    {
        var baseGroup = await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", "checkout-base"));
        var policies = await Client.AutoScalingAsync("DescribePolicies", ("AutoScalingGroupName", "checkout-base"));
        var scheduled = await Client.AutoScalingAsync("DescribeScheduledActions", ("AutoScalingGroupName", "checkout-base"));
        var hooks = await Client.AutoScalingAsync("DescribeLifecycleHooks", ("AutoScalingGroupName", "checkout-base"));
        var legacy = await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", "legacy-base"));
        var classic = await Client.ClassicElbAsync("DescribeInstanceHealth", ("LoadBalancerName", "legacy-classic"));
        var neverHealthy = await Client.Ec2Async("DescribeImages", ("Filter.1.Name", "name"), ("Filter.1.Value.1", "*broken*"));

        Assert.Equal("lt-0123456789abcdef0", baseGroup.Find("LaunchTemplateId"));
        Assert.Equal("50.0", policies.Find("TargetValue"));
        Assert.Equal(("0 0 * * *", "Etc/UTC"), (scheduled.Find("Recurrence"), scheduled.Find("TimeZone")));
        Assert.Equal(
            [("bootstrap", "autoscaling:EC2_INSTANCE_LAUNCHING"), ("drain", "autoscaling:EC2_INSTANCE_TERMINATING")],
            hooks.Items("DescribeLifecycleHooksResult/LifecycleHooks").Select(h => (h.Text("LifecycleHookName"), h.Text("LifecycleTransition"))));
        Assert.Equal(("legacy-lc", "InService"), (legacy.Find("LaunchConfigurationName"), legacy.Find("LifecycleState")));
        Assert.Equal("InService", classic.Find("State"));
        Assert.Equal("ami-0a1b2c3d4e5f6dead", neverHealthy.Find("imageId"));
    }

    [Fact]
    public async Task A_new_group_with_the_example_base_group_s_hooks_is_bootstrapped_and_drained_by_the_example_s_handlers()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            ("AutoScalingGroupName", "checkout-prod-r3"), ("LaunchTemplate.LaunchTemplateId", "lt-0123456789abcdef0"), ("LaunchTemplate.Version", "2"),
            ("MinSize", "0"), ("MaxSize", "2"), ("DesiredCapacity", "1"), ("VPCZoneIdentifier", "subnet-0a"),
            ("LifecycleHookSpecificationList.member.1.LifecycleHookName", "bootstrap"),
            ("LifecycleHookSpecificationList.member.1.LifecycleTransition", "autoscaling:EC2_INSTANCE_LAUNCHING"),
            ("LifecycleHookSpecificationList.member.1.HeartbeatTimeout", "600"),
            ("LifecycleHookSpecificationList.member.2.LifecycleHookName", "drain"),
            ("LifecycleHookSpecificationList.member.2.LifecycleTransition", "autoscaling:EC2_INSTANCE_TERMINATING"));

        clock.Advance(TimeSpan.FromSeconds(119));
        var bootstrapping = await State();
        clock.Advance(TimeSpan.FromSeconds(1));
        var inService = await State();
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "checkout-prod-r3"), ("DesiredCapacity", "0"));
        clock.Advance(TimeSpan.FromSeconds(19));
        var draining = await State();
        clock.Advance(TimeSpan.FromSeconds(1));
        var proceeding = await State();

        Assert.Equal(("Pending:Wait", "InService", "Terminating:Wait", "Terminating:Proceed"), (bootstrapping, inService, draining, proceeding));

        async Task<string?> State() =>
            (await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", "checkout-prod-r3"))).Find("LifecycleState");
    }

    [Fact]
    public async Task The_example_holds_the_alarm_the_canary_example_bakes_against_in_state_OK()
    {
        var alarms = await Client.CloudWatchAsync("DescribeAlarms", ("AlarmNames.member.1", "checkout-5xx-rate"));

        Assert.Equal(("OK", "HTTPCode_Target_5XX_Count", "TargetGroup"), (alarms.Find("StateValue"), alarms.Find("MetricName"), alarms.Find("Name")));
    }

    [Fact]
    public void An_alarm_in_a_state_CloudWatch_does_not_have_is_refused_with_its_name()
    {
        var fixtures = new SimulatorFixtures
        {
            Regions = [TestRegion.Fixtures().Regions[0] with { Alarms = [new AlarmFixture { AlarmName = "errors", StateValue = "RED" }] }],
        };

        var error = Assert.Throws<ArgumentException>(() => simulator!.Control.LoadFixtures(fixtures));

        Assert.StartsWith("Fixture alarm errors is not valid:", error.Message, StringComparison.Ordinal);
        Assert.Contains("RED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documented_fixture_shape_parses()
    {
        var fixtures = SimulatorFixtures.FromJson("""
            { "regions": [ {
                "accountId": "123456789012", "region": "us-east-1",
                "images": [ { "imageId": "ami-0123456789abcdef0", "name": "checkout-1.0", "ownerId": "123456789012",
                              "creationDate": "2026-01-01T00:00:00Z", "state": "available", "tags": { "release": "1.0" },
                              "bootSeconds": 30, "neverHealthy": false } ],
                "launchTemplates": [ { "launchTemplateId": "lt-0123456789abcdef0", "launchTemplateName": "checkout",
                                       "versions": [ { "imageId": "ami-0123456789abcdef0", "instanceType": "t3.micro", "userData": "ZWNobw==",
                                                       "securityGroupIds": ["sg-0123456789abcdef0"] } ] } ],
                "launchConfigurations": [ { "name": "legacy-lc", "imageId": "ami-0123456789abcdef0", "instanceType": "t3.small",
                                            "securityGroups": ["sg-0123456789abcdef0"], "userData": "ZWNobw==",
                                            "blockDeviceMappings": [ { "deviceName": "/dev/xvda", "volumeSize": 20 } ] } ],
                "targetGroups": [ { "arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-prod/0123456789abcdef",
                                    "healthySeconds": 10 } ],
                "loadBalancers": [ { "name": "checkout-classic", "healthySeconds": 10 } ],
                "lifecycleHookHandlers": [ { "hookName": "bootstrap", "groupName": "checkout*", "afterSeconds": 120, "result": "CONTINUE" } ],
                "autoScalingGroups": [ { "name": "checkout-base",
                    "launchTemplate": { "launchTemplateId": "lt-0123456789abcdef0", "version": "1" },
                    "minSize": 0, "maxSize": 0, "desiredCapacity": 0,
                    "vpcZoneIdentifier": "subnet-0a,subnet-0b", "availabilityZones": ["us-east-1a", "us-east-1b"],
                    "healthCheckType": "ELB", "healthCheckGracePeriod": 60, "createdTime": "2026-01-01T00:00:00Z",
                    "targetGroupArns": [], "loadBalancerNames": [],
                    "tags": [ { "key": "team", "value": "payments", "propagateAtLaunch": true } ],
                    "policies": [ { "policyName": "cpu50", "policyType": "TargetTrackingScaling",
                                    "parameters": { "TargetTrackingConfiguration.TargetValue": "50.0" } } ],
                    "scheduledActions": [ { "name": "nightly", "recurrence": "0 0 * * *", "minSize": 0, "maxSize": 2, "desiredCapacity": 0, "timeZone": "Etc/UTC" } ],
                    "lifecycleHooks": [ { "name": "drain", "transition": "autoscaling:EC2_INSTANCE_TERMINATING", "heartbeatTimeout": 300, "defaultResult": "CONTINUE" } ] } ]
            } ] }
            """);

        var region = Assert.Single(fixtures.Regions);
        var group = Assert.Single(region.AutoScalingGroups);
        Assert.Equal("1", group.LaunchTemplate?.Version);
        Assert.Equal("50.0", Assert.Single(group.Policies).Parameters["TargetTrackingConfiguration.TargetValue"]);
        Assert.Equal("Etc/UTC", Assert.Single(group.ScheduledActions).TimeZone);
        Assert.Equal(300, Assert.Single(group.LifecycleHooks).HeartbeatTimeout);
        Assert.Equal(20, Assert.Single(Assert.Single(region.LaunchConfigurations).BlockDeviceMappings).VolumeSize);
        Assert.Equal(("bootstrap", 120, "CONTINUE"), Assert.Single(region.LifecycleHookHandlers) is var handler ? (handler.HookName, handler.AfterSeconds, handler.Result) : default);
    }

    [Fact]
    public void A_misspelt_property_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<JsonException>(() => SimulatorFixtures.FromJson("""{ "regions": [ { "images": [ { "imageId": "ami-0123456789abcdef0", "bootSecs": 5 } ] } ] }"""));

        Assert.Contains("bootSecs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_on_an_unknown_target_group_is_refused_with_its_name()
    {
        var fixtures = new SimulatorFixtures
        {
            Regions =
            [
                TestRegion.Fixtures().Regions[0] with
                {
                    AutoScalingGroups =
                    [
                        new AutoScalingGroupFixture
                        {
                            Name = "orphan",
                            LaunchTemplate = new Domain.Cloud.LaunchTemplateSpec(TestRegion.TemplateId, null, null),
                            MaxSize = 1,
                            AvailabilityZones = ["us-east-1a"],
                            TargetGroupArns = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/none/0000000000000000"],
                        },
                    ],
                },
            ],
        };

        var error = Assert.Throws<ArgumentException>(() => simulator!.Control.LoadFixtures(fixtures));

        Assert.StartsWith("Fixture Auto Scaling group orphan is not valid: Provided Target Groups may not be valid.", error.Message, StringComparison.Ordinal);
    }
}
