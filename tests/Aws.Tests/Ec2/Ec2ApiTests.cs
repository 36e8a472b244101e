using System.Net;
using AmiOrchestrator.Aws.Tests.Support;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests.Ec2;

/// <summary>EC2 through AWSSDK.EC2, against canned EC2 answers: what goes on the wire and what comes back.</summary>
public sealed class Ec2ApiTests : IDisposable
{
    private const string Image = """
        <item>
          <imageId>ami-0123456789abcdef0</imageId><imageLocation>123456789012/golden</imageLocation>
          <imageState>available</imageState><imageOwnerId>123456789012</imageOwnerId>
          <creationDate>2026-01-01T00:00:00.000Z</creationDate><isPublic>false</isPublic>
          <architecture>x86_64</architecture><imageType>machine</imageType><name>golden-1</name>
          <rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>
          <virtualizationType>hvm</virtualizationType><hypervisor>xen</hypervisor><blockDeviceMapping/>
          <tagSet><item><key>role</key><value>web</value></item></tagSet>
        </item>
        """;

    private readonly StubAws stub = new();
    private readonly AwsCloudProvider provider;
    private readonly ICloud cloud;

    public Ec2ApiTests()
    {
        provider = TestProviders.Create(stub, new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero)));
        cloud = provider.For(new CloudTarget("eu-central-1", null));
    }

    public void Dispose() => provider.Dispose();

    [Fact]
    public async Task DescribeImages_by_id_sends_the_ids_and_reads_the_images()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Ec2("DescribeImages", $"<imagesSet>{Image}</imagesSet>"));

        var images = await cloud.DescribeImagesAsync(new ImageQuery { ImageIds = ["ami-0123456789abcdef0"] }, CancellationToken.None);

        Assert.Equal(
            new MachineImage("ami-0123456789abcdef0", "golden-1", "available", "123456789012",
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), ValueMap.Of(("role", "web"))),
            Assert.Single(images));
        var request = Assert.Single(stub.Requests);
        Assert.Equal(
            new Dictionary<string, string> { ["Action"] = "DescribeImages", ["Version"] = "2016-11-15", ["ImageId.1"] = "ami-0123456789abcdef0" },
            request.Form);
        // The SDK signs at its own (real) clock's time, so only the scope's region and service are asserted.
        Assert.Contains("/eu-central-1/ec2/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeImages_by_name_owner_and_tags_filters_and_follows_every_page()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Ec2("DescribeImages", $"<imagesSet>{Image}</imagesSet><nextToken>page-2</nextToken>"));
        stub.Respond(HttpStatusCode.OK, AwsXml.Ec2("DescribeImages", $"<imagesSet>{Image.Replace("ami-0123456789abcdef0", "ami-0fedcba9876543210", StringComparison.Ordinal)}</imagesSet>"));

        var images = await cloud.DescribeImagesAsync(
            new ImageQuery { Owners = ["self"], NamePattern = "golden-*", Tags = ValueMap.Of(("role", "web")) },
            CancellationToken.None);

        Assert.Equal(["ami-0123456789abcdef0", "ami-0fedcba9876543210"], images.Select(i => i.ImageId));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "DescribeImages",
                ["Version"] = "2016-11-15",
                ["Owner.1"] = "self",
                ["Filter.1.Name"] = "name",
                ["Filter.1.Value.1"] = "golden-*",
                ["Filter.2.Name"] = "tag:role",
                ["Filter.2.Value.1"] = "web",
                ["MaxResults"] = "1000",
            },
            stub.Requests[0].Form);
        Assert.Equal("page-2", stub.Requests[1].Form["NextToken"]);
    }

    [Fact]
    public async Task Ec2_error_keeps_awss_words_and_is_not_retried()
    {
        stub.Respond(HttpStatusCode.BadRequest, AwsXml.Ec2Error("InvalidAMIID.NotFound", "The image id '[ami-0000000000000000f]' does not exist", "rq-1"));

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            cloud.DescribeImagesAsync(new ImageQuery { ImageIds = ["ami-0000000000000000f"] }, CancellationToken.None));

        Assert.Equal(
            new CloudError("InvalidAMIID.NotFound", "The image id '[ami-0000000000000000f]' does not exist", 400, false, "rq-1"),
            error.Error);
        Assert.True(error.IsNotFound);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Ec2_throttling_is_retried_by_our_loop_alone()
    {
        stub.Respond(HttpStatusCode.ServiceUnavailable, AwsXml.Ec2Error("RequestLimitExceeded", "Request limit exceeded."));
        stub.Respond(HttpStatusCode.ServiceUnavailable, AwsXml.Ec2Error("RequestLimitExceeded", "Request limit exceeded."));
        stub.Respond(HttpStatusCode.OK, AwsXml.Ec2("DescribeImages", $"<imagesSet>{Image}</imagesSet>"));
        using var systemClockProvider = TestProviders.Create(stub, TimeProvider.System);

        var images = await systemClockProvider.For(new CloudTarget("eu-central-1", null))
            .DescribeImagesAsync(new ImageQuery { ImageIds = ["ami-0123456789abcdef0"] }, CancellationToken.None);

        Assert.Single(images);
        // Three requests for three attempts of ours: the SDK added none of its own.
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task Ec2_retries_give_up_at_our_attempt_limit()
    {
        stub.Otherwise = _ => StubAws.Text(HttpStatusCode.InternalServerError, AwsXml.Ec2Error("InternalError", "An internal error has occurred"));
        using var systemClockProvider = TestProviders.Create(stub, TimeProvider.System);

        var error = await Assert.ThrowsAsync<CloudException>(() => systemClockProvider.For(new CloudTarget("eu-central-1", null))
            .DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec("lt-1", null, null), "1", CancellationToken.None));

        Assert.Equal(("InternalError", 500, true), (error.Error.Code, error.Error.HttpStatus, error.Error.Retryable));
        Assert.Equal(TestProviders.Options().Retry.MaxAttempts, stub.Requests.Count);
    }

    [Fact]
    public async Task A_lost_connection_under_the_sdk_is_a_retryable_connection_failure()
    {
        stub.Otherwise = _ => throw new HttpRequestException("connection reset by peer");
        using var systemClockProvider = TestProviders.Create(stub, TimeProvider.System);

        var error = await Assert.ThrowsAsync<CloudException>(() => systemClockProvider.For(new CloudTarget("eu-central-1", null))
            .DescribeImagesAsync(new ImageQuery { ImageIds = ["ami-0123456789abcdef0"] }, CancellationToken.None));

        Assert.Equal((CloudErrorCodes.ConnectionFailure, true), (error.Error.Code, error.Error.Retryable));
        Assert.Equal(TestProviders.Options().Retry.MaxAttempts, stub.Requests.Count);
    }

    [Fact]
    public async Task No_answer_under_the_sdk_within_the_http_timeout_is_a_request_timeout()
    {
        stub.Hang();
        var options = TestProviders.Options() with
        {
            HttpTimeout = TimeSpan.FromMilliseconds(200),
            Retry = TestProviders.Options().Retry with { MaxAttempts = 1 },
        };
        using var systemClockProvider = TestProviders.Create(stub, TimeProvider.System, options);

        var error = await Assert.ThrowsAsync<CloudException>(() => systemClockProvider.For(new CloudTarget("eu-central-1", null))
            .DescribeImagesAsync(new ImageQuery { ImageIds = ["ami-0123456789abcdef0"] }, CancellationToken.None));

        Assert.Equal((CloudErrorCodes.RequestTimeout, true), (error.Error.Code, error.Error.Retryable));
    }

    [Fact]
    public async Task DescribeLaunchTemplateVersion_asks_for_one_version_of_the_template_by_id()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Ec2("DescribeLaunchTemplateVersions", """
            <launchTemplateVersionSet><item><launchTemplateId>lt-0123456789abcdef0</launchTemplateId><launchTemplateName>web</launchTemplateName>
              <versionNumber>3</versionNumber><defaultVersion>false</defaultVersion><createTime>2026-01-01T00:00:00.000Z</createTime>
              <launchTemplateData><imageId>ami-1</imageId><instanceType>t3.micro</instanceType><userData>IyEvYmluL3No</userData></launchTemplateData>
            </item></launchTemplateVersionSet>
            """));

        var version = await cloud.DescribeLaunchTemplateVersionAsync(
            new LaunchTemplateSpec("lt-0123456789abcdef0", "web", "$Latest"), "$Latest", CancellationToken.None);

        Assert.Equal(new LaunchTemplateVersion("lt-0123456789abcdef0", "web", 3, "ami-1", "t3.micro", "IyEvYmluL3No"), version);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "DescribeLaunchTemplateVersions",
                ["Version"] = "2016-11-15",
                ["LaunchTemplateId"] = "lt-0123456789abcdef0",
                ["LaunchTemplateVersion.1"] = "$Latest",
            },
            Assert.Single(stub.Requests).Form);
    }

    [Fact]
    public async Task DescribeLaunchTemplateVersion_with_nothing_found_is_a_version_not_found()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Ec2("DescribeLaunchTemplateVersions", "<launchTemplateVersionSet/>"));

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            cloud.DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec(null, "web", null), "7", CancellationToken.None));

        Assert.Equal(CloudErrorCodes.LaunchTemplateVersionNotFound, error.Error.Code);
        Assert.Equal("web", stub.Requests[0].Form["LaunchTemplateName"]);
    }

    [Fact]
    public async Task CreateLaunchTemplateVersion_inherits_from_the_source_and_sends_the_client_token()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Ec2("CreateLaunchTemplateVersion", """
            <launchTemplateVersion><launchTemplateId>lt-1</launchTemplateId><launchTemplateName>web</launchTemplateName><versionNumber>4</versionNumber>
              <versionDescription>deploy 42</versionDescription><launchTemplateData><imageId>ami-2</imageId><instanceType>t3.micro</instanceType>
              <userData>dXNlcg==</userData></launchTemplateData></launchTemplateVersion>
            """));

        var version = await cloud.CreateLaunchTemplateVersionAsync(
            new CreateLaunchTemplateVersionRequest("lt-1", "3", "ami-2", "dXNlcg==", "deploy-42/setup/ltv/web", "deploy 42"),
            CancellationToken.None);

        Assert.Equal(new LaunchTemplateVersion("lt-1", "web", 4, "ami-2", "t3.micro", "dXNlcg=="), version);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "CreateLaunchTemplateVersion",
                ["Version"] = "2016-11-15",
                ["LaunchTemplateId"] = "lt-1",
                ["SourceVersion"] = "3",
                ["ClientToken"] = "deploy-42/setup/ltv/web",
                ["VersionDescription"] = "deploy 42",
                ["LaunchTemplateData.ImageId"] = "ami-2",
                ["LaunchTemplateData.UserData"] = "dXNlcg==",
            },
            Assert.Single(stub.Requests).Form);
    }

    [Fact]
    public async Task CreateLaunchTemplate_sends_the_configuration_data_and_reports_version_one()
    {
        stub.Respond(HttpStatusCode.OK, AwsXml.Ec2("CreateLaunchTemplate", """
            <launchTemplate><launchTemplateId>lt-new</launchTemplateId><launchTemplateName>legacy-lt</launchTemplateName>
              <defaultVersionNumber>1</defaultVersionNumber><latestVersionNumber>1</latestVersionNumber></launchTemplate>
            """));
        var data = new LaunchTemplateData
        {
            ImageId = "ami-3",
            InstanceType = "t3.small",
            KeyName = "ops",
            SecurityGroupIds = ["sg-1", "sg-2"],
            IamInstanceProfile = "arn:aws:iam::123456789012:instance-profile/web",
            UserDataBase64 = "dXNlcg==",
            BlockDeviceMappings =
            [
                new BlockDeviceMapping { DeviceName = "/dev/xvda", VolumeSize = 20, VolumeType = "gp3", Encrypted = true },
                new BlockDeviceMapping { DeviceName = "/dev/sdc", NoDevice = true },
            ],
            EbsOptimized = true,
            MonitoringEnabled = false,
            AssociatePublicIpAddress = true,
            PlacementTenancy = "dedicated",
            MetadataHttpTokens = "required",
            MetadataHopLimit = 2,
        };

        var version = await cloud.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest("legacy-lt", data, "token-1"), CancellationToken.None);

        Assert.Equal(new LaunchTemplateVersion("lt-new", "legacy-lt", 1, "ami-3", "t3.small", "dXNlcg=="), version);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "CreateLaunchTemplate",
                ["Version"] = "2016-11-15",
                ["LaunchTemplateName"] = "legacy-lt",
                ["ClientToken"] = "token-1",
                ["LaunchTemplateData.ImageId"] = "ami-3",
                ["LaunchTemplateData.InstanceType"] = "t3.small",
                ["LaunchTemplateData.KeyName"] = "ops",
                ["LaunchTemplateData.IamInstanceProfile.Arn"] = "arn:aws:iam::123456789012:instance-profile/web",
                ["LaunchTemplateData.UserData"] = "dXNlcg==",
                ["LaunchTemplateData.BlockDeviceMapping.1.DeviceName"] = "/dev/xvda",
                ["LaunchTemplateData.BlockDeviceMapping.1.Ebs.VolumeSize"] = "20",
                ["LaunchTemplateData.BlockDeviceMapping.1.Ebs.VolumeType"] = "gp3",
                ["LaunchTemplateData.BlockDeviceMapping.1.Ebs.Encrypted"] = "true",
                ["LaunchTemplateData.BlockDeviceMapping.2.DeviceName"] = "/dev/sdc",
                ["LaunchTemplateData.BlockDeviceMapping.2.NoDevice"] = "",
                ["LaunchTemplateData.EbsOptimized"] = "true",
                ["LaunchTemplateData.Monitoring.Enabled"] = "false",
                ["LaunchTemplateData.NetworkInterface.1.DeviceIndex"] = "0",
                ["LaunchTemplateData.NetworkInterface.1.AssociatePublicIpAddress"] = "true",
                ["LaunchTemplateData.NetworkInterface.1.SecurityGroupId.1"] = "sg-1",
                ["LaunchTemplateData.NetworkInterface.1.SecurityGroupId.2"] = "sg-2",
                ["LaunchTemplateData.Placement.Tenancy"] = "dedicated",
                ["LaunchTemplateData.MetadataOptions.HttpTokens"] = "required",
                ["LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit"] = "2",
            },
            Assert.Single(stub.Requests).Form);
    }
}
