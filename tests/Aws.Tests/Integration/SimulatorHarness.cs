using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Tests.Support;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>
/// A simulated region on a free loopback port, loaded with <see cref="StandardFixtures"/>, and our provider pointed at
/// it with the default account's keys. The simulator runs on a fake clock; the client by default on the system
/// clock with back-offs of milliseconds, so that retries need nobody to move time along.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-prod/0123456789abcdef";
    public const string StageTargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-stage/0fedcba987654321";
    public const string ClassicLoadBalancer = "checkout-classic";
    public const string BaseGroup = "checkout-base";
    public const string LaunchTemplateId = "lt-0123456789abcdef0";
    public const string OldImage = "ami-0123456789abcdef0";
    public const string NewImage = "ami-0fedcba9876543210";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static readonly SimulatedAccount OtherAccount = new("210987654321", "AKIDOTHEREXAMPLE", "otherSecretKeyOtherSecretKeyOtherSecret00");

    private SimulatorHarness(FakeTimeProvider clock, SimulatedAws simulator, AwsCloudProvider provider)
    {
        Clock = clock;
        Simulator = simulator;
        Provider = provider;
        Cloud = provider.For(new CloudTarget(Region, null));
    }

    public FakeTimeProvider Clock { get; }

    public SimulatedAws Simulator { get; }

    public SimulatorControl Control => Simulator.Control;

    public AwsCloudProvider Provider { get; }

    public ICloud Cloud { get; }

    public static async Task<SimulatorHarness> StartAsync(
        Func<AwsOptions, AwsOptions>? configure = null,
        bool clientOnSimulatorClock = false,
        int faultSeed = 1,
        bool rateLimiting = false,
        HttpMessageHandler? handler = null)
    {
        var clock = new FakeTimeProvider(Start);
        var simulator = await SimulatedAws.StartAsync(new SimulatorOptions
        {
            Clock = clock,
            FaultSeed = faultSeed,
            // Off unless a test is about it: the simulator's fake clock only moves when a test moves it, so its buckets
            // would not refill while a client on the system clock retried.
            RateLimiting = rateLimiting,
            Accounts = [SimulatedAccount.Default, OtherAccount],
            Fixtures = SimulatorFixtures.FromJson(StandardFixtures),
        });
        var options = TestProviders.Options(simulator.Endpoint) with
        {
            AccessKeyId = SimulatedAccount.Default.AccessKeyId,
            SecretAccessKey = SimulatedAccount.Default.SecretAccessKey,
            Retry = new RetryOptions
            {
                MaxAttempts = 10,
                BaseDelay = TimeSpan.FromMilliseconds(1),
                ThrottlingBaseDelay = TimeSpan.FromMilliseconds(2),
                MaxDelay = TimeSpan.FromMilliseconds(20),
            },
        };
        var provider = new AwsCloudProvider(
            configure?.Invoke(options) ?? options, clientOnSimulatorClock ? clock : TimeProvider.System, handler ?? new SocketsHttpHandler(), new Random(11));
        return new SimulatorHarness(clock, simulator, provider);
    }

    /// <summary>A provider for the same simulator signed with other keys (another account, or a wrong secret).</summary>
    public AwsCloudProvider ProviderWith(string accessKeyId, string secretAccessKey) =>
        new(
            TestProviders.Options(Simulator.Endpoint) with { AccessKeyId = accessKeyId, SecretAccessKey = secretAccessKey },
            TimeProvider.System,
            new SocketsHttpHandler(),
            new Random(5));

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        await Simulator.DisposeAsync();
    }

    public const string StandardFixtures = """
        { "regions": [ {
          "accountId": "123456789012", "region": "us-east-1",
          "images": [
            { "imageId": "ami-0123456789abcdef0", "name": "checkout-1.0", "ownerId": "123456789012",
              "creationDate": "2026-01-01T00:00:00Z", "state": "available", "tags": { "release": "1.0", "service": "checkout" } },
            { "imageId": "ami-0fedcba9876543210", "name": "checkout-1.1", "ownerId": "123456789012",
              "creationDate": "2026-01-03T00:00:00Z", "tags": { "release": "1.1", "service": "checkout" } },
            { "imageId": "ami-0aaaaaaaaaaaaaaa1", "name": "billing-7", "ownerId": "123456789012",
              "creationDate": "2026-01-02T00:00:00Z", "tags": { "service": "billing" } } ],
          "launchTemplates": [ { "launchTemplateId": "lt-0123456789abcdef0", "launchTemplateName": "checkout",
            "versions": [ { "imageId": "ami-0123456789abcdef0", "instanceType": "t3.micro", "userData": "IyEvYmluL3NoCg==",
                            "securityGroupIds": ["sg-0123456789abcdef0"] } ] } ],
          "launchConfigurations": [ { "name": "legacy-lc", "imageId": "ami-0123456789abcdef0", "instanceType": "t3.small",
            "securityGroups": ["sg-0123456789abcdef0"], "userData": "IyEvYmluL3NoCg==",
            "blockDeviceMappings": [ { "deviceName": "/dev/xvda", "volumeSize": 20, "volumeType": "gp3", "deleteOnTermination": true } ] } ],
          "targetGroups": [
            { "arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-prod/0123456789abcdef", "healthySeconds": 10 },
            { "arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-stage/0fedcba987654321", "healthySeconds": 10 } ],
          "loadBalancers": [ { "name": "checkout-classic", "healthySeconds": 10 } ],
          "autoScalingGroups": [ { "name": "checkout-base",
            "launchTemplate": { "launchTemplateId": "lt-0123456789abcdef0", "version": "1" },
            "minSize": 1, "maxSize": 4, "desiredCapacity": 2,
            "vpcZoneIdentifier": "subnet-0a,subnet-0b", "availabilityZones": ["us-east-1a", "us-east-1b"],
            "healthCheckType": "ELB", "healthCheckGracePeriod": 60, "createdTime": "2026-01-01T00:00:00Z",
            "targetGroupArns": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-prod/0123456789abcdef"],
            "loadBalancerNames": ["checkout-classic"],
            "tags": [ { "key": "team", "value": "payments", "propagateAtLaunch": true },
                      { "key": "ami-orchestrator:lineage", "value": "checkout-prod", "propagateAtLaunch": true } ],
            "policies": [ { "policyName": "cpu50", "policyType": "TargetTrackingScaling",
                            "parameters": { "TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType": "ASGAverageCPUUtilization",
                                            "TargetTrackingConfiguration.TargetValue": "50.0" } } ],
            "scheduledActions": [ { "name": "nightly", "recurrence": "0 0 * * *", "minSize": 0, "maxSize": 2, "desiredCapacity": 0, "timeZone": "Etc/UTC" } ],
            "lifecycleHooks": [ { "name": "drain", "transition": "autoscaling:EC2_INSTANCE_TERMINATING", "heartbeatTimeout": 300, "defaultResult": "CONTINUE" } ] } ]
        } ] }
        """;
}
