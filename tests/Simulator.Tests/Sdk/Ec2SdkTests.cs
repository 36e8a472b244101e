using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Sdk;

/// <summary>AWSSDK.EC2, the client the engine uses for EC2, against every simulated EC2 operation.</summary>
public sealed class Ec2SdkTests : SimulatorTest
{
    private AmazonEC2Client? ec2;

    private AmazonEC2Client Ec2 => ec2 ?? throw new InvalidOperationException("Not started.");

    public override async Task InitializeAsync()
    {
        // Never let the SDK look for instance metadata: nothing may leave loopback.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        await base.InitializeAsync();
        ec2 = NewEc2Client(maxErrorRetry: 2);
    }

    public override async Task DisposeAsync()
    {
        ec2?.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task DescribeImages_finds_images_by_id_and_by_owner_and_name_pattern()
    {
        var byId = await Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [TestRegion.ImageV2] });
        var byPattern = await Ec2.DescribeImagesAsync(new DescribeImagesRequest
        {
            Owners = ["self"],
            Filters = [new Filter("name", ["app-*"]), new Filter("state", ["available"])],
        });

        var image = Assert.Single(byId.Images);
        Assert.Equal(("app-1.1", ImageState.Available, "123456789012"), (image.Name, image.State, image.OwnerId));
        Assert.Equal("1.1", Assert.Single(image.Tags).Value);
        Assert.Equal([TestRegion.ImageV1, TestRegion.ImageV2, TestRegion.BrokenImage], byPattern.Images.Select(i => i.ImageId).Order());
    }

    [Theory]
    [InlineData("ami-0123456789abcdef9", "InvalidAMIID.NotFound", "The image id '[ami-0123456789abcdef9]' does not exist")]
    [InlineData("image-1", "InvalidAMIID.Malformed", "Invalid id: \"image-1\" (expecting \"ami-...\")")]
    public async Task DescribeImages_of_a_bad_id_fails_with_the_EC2_error(string imageId, string code, string message)
    {
        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [imageId] }));

        Assert.Equal((code, message, 400), (error.ErrorCode, error.Message, (int)error.StatusCode));
    }

    [Fact]
    public async Task CreateLaunchTemplate_creates_version_one_and_refuses_a_name_in_use()
    {
        var created = await Ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest
        {
            LaunchTemplateName = "web",
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = TestRegion.ImageV1, InstanceType = InstanceType.T3Small },
        });
        var duplicate = await Assert.ThrowsAsync<AmazonEC2Exception>(() => Ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest
        {
            LaunchTemplateName = "web",
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = TestRegion.ImageV1 },
        }));

        Assert.Equal(("web", 1L, 1L), (created.LaunchTemplate.LaunchTemplateName, created.LaunchTemplate.DefaultVersionNumber, created.LaunchTemplate.LatestVersionNumber));
        Assert.Equal("InvalidLaunchTemplateName.AlreadyExistsException", duplicate.ErrorCode);
    }

    [Fact]
    public async Task CreateLaunchTemplateVersion_inherits_from_the_source_version_and_is_idempotent_per_client_token()
    {
        var request = new CreateLaunchTemplateVersionRequest
        {
            LaunchTemplateId = TestRegion.TemplateId,
            SourceVersion = "1",
            ClientToken = "deploy-42/phase-1/create-version",
            VersionDescription = "deploy 42",
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = TestRegion.ImageV2 },
        };

        var first = await Ec2.CreateLaunchTemplateVersionAsync(request);
        var repeat = await Ec2.CreateLaunchTemplateVersionAsync(request);
        var other = await Ec2.CreateLaunchTemplateVersionAsync(new CreateLaunchTemplateVersionRequest
        {
            LaunchTemplateId = TestRegion.TemplateId,
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = TestRegion.ImageV2 },
        });

        var version = first.LaunchTemplateVersion;
        Assert.Equal(2L, version.VersionNumber);
        Assert.Equal((TestRegion.ImageV2, "t3.micro", "ZWNobyAx"), (version.LaunchTemplateData.ImageId, version.LaunchTemplateData.InstanceType?.Value, version.LaunchTemplateData.UserData));
        Assert.Equal(["sg-0aaaaaaaaaaaaaaa1"], version.LaunchTemplateData.SecurityGroupIds);
        Assert.Equal("deploy 42", version.VersionDescription);
        Assert.Equal(2L, repeat.LaunchTemplateVersion.VersionNumber);
        Assert.Equal(3L, other.LaunchTemplateVersion.VersionNumber);
        Assert.Null(other.LaunchTemplateVersion.LaunchTemplateData.InstanceType);
    }

    [Fact]
    public async Task DescribeLaunchTemplateVersions_resolves_latest_default_and_numbers()
    {
        await Ec2.CreateLaunchTemplateVersionAsync(new CreateLaunchTemplateVersionRequest
        {
            LaunchTemplateName = TestRegion.TemplateName,
            SourceVersion = "$Latest",
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = TestRegion.ImageV2 },
        });

        var latest = await Describe("$Latest");
        var byDefault = await Describe("$Default");
        var byNumber = await Describe("2");
        var missing = await Assert.ThrowsAsync<AmazonEC2Exception>(() => Describe("7"));

        Assert.Equal((2L, TestRegion.ImageV2, false), (latest.VersionNumber, latest.LaunchTemplateData.ImageId, latest.DefaultVersion));
        Assert.Equal((1L, TestRegion.ImageV1, true), (byDefault.VersionNumber, byDefault.LaunchTemplateData.ImageId, byDefault.DefaultVersion));
        Assert.Equal(2L, byNumber.VersionNumber);
        Assert.Equal("InvalidLaunchTemplateId.VersionNotFound", missing.ErrorCode);
        Assert.Equal($"Could not find the specified version 7 for the launch template with ID {TestRegion.TemplateId}.", missing.Message);

        async Task<LaunchTemplateVersion> Describe(string version) =>
            Assert.Single((await Ec2.DescribeLaunchTemplateVersionsAsync(new DescribeLaunchTemplateVersionsRequest
            {
                LaunchTemplateId = TestRegion.TemplateId,
                Versions = [version],
            })).LaunchTemplateVersions);
    }

    [Fact]
    public async Task DescribeInstances_shows_group_instances_pending_then_running_with_propagated_tags()
    {
        await Client.AutoScalingAsync(
            "CreateAutoScalingGroup",
            TestRegion.CreateGroup("web", 0, 3, 2, more: [("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "payments"), ("Tags.member.1.PropagateAtLaunch", "true")]));

        var pending = await Instances();
        Advance(TestRegion.BootSecondsV1);
        var running = await Instances();

        Assert.Equal(2, pending.Count);
        Assert.All(pending, i => Assert.Equal(InstanceStateName.Pending, i.State.Name));
        Assert.All(running, i => Assert.Equal(InstanceStateName.Running, i.State.Name));
        Assert.All(running, i => Assert.Equal("payments", i.Tags.Single(t => t.Key == "team").Value));
        Assert.All(running, i => Assert.Equal("web", i.Tags.Single(t => t.Key == "aws:autoscaling:groupName").Value));
        Assert.Equal(["us-east-1a", "us-east-1b"], running.Select(i => i.Placement.AvailabilityZone).Order());

        async Task<List<Instance>> Instances() =>
            (await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest
            {
                Filters = [new Filter("tag:aws:autoscaling:groupName", ["web"])],
            })).Reservations.SelectMany(r => r.Instances).ToList();
    }

    [Fact]
    public async Task Throttled_EC2_calls_fail_with_503_RequestLimitExceeded_once_retries_are_spent()
    {
        Simulator.Control.SetFault("DescribeImages", new FaultSettings(ThrottleRate: 1));
        using var noRetries = NewEc2Client(maxErrorRetry: 0);

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => noRetries.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [TestRegion.ImageV1] }));

        Assert.Equal(("RequestLimitExceeded", "Request limit exceeded.", 503), (error.ErrorCode, error.Message, (int)error.StatusCode));
        Assert.Equal(1, Simulator.Control.RequestCount("DescribeImages"));
    }

    private AmazonEC2Client NewEc2Client(int maxErrorRetry) => new(
        new BasicAWSCredentials(SimulatedAccount.Default.AccessKeyId, SimulatedAccount.Default.SecretAccessKey),
        new AmazonEC2Config
        {
            ServiceURL = Simulator.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
        });
}
