using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Simulator.Tests.Support;

/// <summary>The resources most tests start from, and helpers to start a simulator on a fake clock.</summary>
internal static class TestRegion
{
    public const string ImageV1 = "ami-0aaaaaaaaaaaaaaa1";
    public const string ImageV2 = "ami-0aaaaaaaaaaaaaaa2";
    public const string BrokenImage = "ami-0bad0bad0bad0bad0";
    public const string TemplateId = "lt-0aaaaaaaaaaaaaaa1";
    public const string TemplateName = "app";
    public const string LaunchConfiguration = "app-lc";
    public const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/0123456789abcdef";
    public const string LoadBalancer = "app-classic";

    public const int BootSecondsV1 = 30;
    public const int BootSecondsV2 = 20;
    public const int HealthySeconds = 10;
    public const int DrainSeconds = 30;

    public static DateTimeOffset Start { get; } = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider NewClock() => new(Start);

    public static SimulatorFixtures Fixtures() => new()
    {
        Regions =
        [
            new RegionFixture
            {
                Images =
                [
                    new ImageFixture { ImageId = ImageV1, Name = "app-1.0", BootSeconds = BootSecondsV1, Tags = Domain.Common.ValueMap.Of(("release", "1.0")) },
                    new ImageFixture { ImageId = ImageV2, Name = "app-1.1", BootSeconds = BootSecondsV2, Tags = Domain.Common.ValueMap.Of(("release", "1.1")) },
                    new ImageFixture { ImageId = BrokenImage, Name = "app-broken", BootSeconds = BootSecondsV2, NeverHealthy = true },
                ],
                LaunchTemplates =
                [
                    new LaunchTemplateFixture
                    {
                        LaunchTemplateId = TemplateId,
                        LaunchTemplateName = TemplateName,
                        Versions =
                        [
                            new LaunchTemplateVersionFixture { ImageId = ImageV1, InstanceType = "t3.micro", UserData = "ZWNobyAx", SecurityGroupIds = ["sg-0aaaaaaaaaaaaaaa1"] },
                        ],
                    },
                ],
                LaunchConfigurations = [new LaunchConfigurationFixture { Name = LaunchConfiguration, ImageId = ImageV1, InstanceType = "t3.small" }],
                TargetGroups = [new TargetGroupFixture { Arn = TargetGroupArn, HealthySeconds = HealthySeconds, DeregistrationDelaySeconds = DrainSeconds }],
                LoadBalancers = [new LoadBalancerFixture { Name = LoadBalancer, HealthySeconds = HealthySeconds }],
            },
        ],
    };

    /// <summary>
    /// A simulator on the fake clock, loaded with <paramref name="fixtures"/>. Rate limiting is off unless asked for:
    /// a fake clock that stands still never refills a bucket, and most tests are about something else.
    /// </summary>
    public static Task<SimulatedAws> StartAsync(FakeTimeProvider clock, SimulatorFixtures? fixtures = null, int faultSeed = 1, bool rateLimiting = false) =>
        SimulatedAws.StartAsync(new SimulatorOptions { Clock = clock, Fixtures = fixtures ?? Fixtures(), FaultSeed = faultSeed, RateLimiting = rateLimiting });

    /// <summary>Parameters of a CreateAutoScalingGroup on the test template, spread over two subnets.</summary>
    public static (string, string)[] CreateGroup(string name, int min, int max, int desired, string version = "$Latest", params (string, string)[] more) =>
    [
        ("AutoScalingGroupName", name),
        ("LaunchTemplate.LaunchTemplateId", TemplateId),
        ("LaunchTemplate.Version", version),
        ("MinSize", min.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("MaxSize", max.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("DesiredCapacity", desired.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("VPCZoneIdentifier", "subnet-0a,subnet-0b"),
        .. more,
    ];
}
