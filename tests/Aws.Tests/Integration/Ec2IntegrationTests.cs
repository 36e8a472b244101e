using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>Images and launch templates through AWSSDK.EC2 (wired by our provider) against the simulator.</summary>
public sealed class Ec2IntegrationTests : IAsyncLifetime
{
    private SimulatorHarness aws = null!;

    private ICloud Cloud => aws.Cloud;

    public async Task InitializeAsync() => aws = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task DescribeImages_by_id_reads_the_image()
    {
        var image = Assert.Single(await Cloud.DescribeImagesAsync(new ImageQuery { ImageIds = [SimulatorHarness.NewImage] }, CancellationToken.None));

        Assert.Equal(
            new MachineImage(SimulatorHarness.NewImage, "checkout-1.1", "available", "123456789012",
                new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero), ValueMap.Of(("release", "1.1"), ("service", "checkout"))),
            image);
    }

    [Fact]
    public async Task DescribeImages_by_owner_name_pattern_and_tag_filters_on_the_server()
    {
        var byName = await Cloud.DescribeImagesAsync(new ImageQuery { Owners = ["self"], NamePattern = "checkout-*" }, CancellationToken.None);
        var byTag = await Cloud.DescribeImagesAsync(new ImageQuery { Tags = ValueMap.Of(("service", "billing")) }, CancellationToken.None);
        var none = await Cloud.DescribeImagesAsync(new ImageQuery { NamePattern = "nothing-?" }, CancellationToken.None);

        Assert.Equal([SimulatorHarness.OldImage, SimulatorHarness.NewImage], byName.Select(i => i.ImageId).Order(StringComparer.Ordinal));
        Assert.Equal("billing-7", Assert.Single(byTag).Name);
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_missing_image_surfaces_invalid_ami_id_not_found_after_one_attempt()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() =>
            Cloud.DescribeImagesAsync(new ImageQuery { ImageIds = ["ami-00000000000000000"] }, CancellationToken.None));

        Assert.Equal(CloudErrorCodes.InvalidAmiIdNotFound, error.Error.Code);
        Assert.Contains("ami-00000000000000000", error.Error.Message, StringComparison.Ordinal);
        Assert.Equal(400, error.Error.HttpStatus);
        Assert.False(error.Error.Retryable);
        Assert.Equal(1, aws.Control.RequestCount("DescribeImages"));
    }

    [Fact]
    public async Task DescribeLaunchTemplateVersion_reads_a_version_by_number_or_alias()
    {
        var byNumber = await Cloud.DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, null), "1", CancellationToken.None);
        var byName = await Cloud.DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec(null, "checkout", null), "$Latest", CancellationToken.None);

        Assert.Equal(new LaunchTemplateVersion(SimulatorHarness.LaunchTemplateId, "checkout", 1, SimulatorHarness.OldImage, "t3.micro", "IyEvYmluL3NoCg=="), byNumber);
        Assert.Equal(byNumber, byName);
    }

    [Fact]
    public async Task A_missing_launch_template_version_is_not_found()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() =>
            Cloud.DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, null), "9", CancellationToken.None));

        Assert.True(error.IsNotFound, error.Error.ToString());
    }

    [Fact]
    public async Task CreateLaunchTemplateVersion_inherits_the_source_and_is_idempotent_by_client_token()
    {
        var request = new CreateLaunchTemplateVersionRequest(
            SimulatorHarness.LaunchTemplateId, "1", SimulatorHarness.NewImage, "bmV3", "deploy-1/setup/ltv", "deploy 1");

        var created = await Cloud.CreateLaunchTemplateVersionAsync(request, CancellationToken.None);
        var repeated = await Cloud.CreateLaunchTemplateVersionAsync(request, CancellationToken.None);
        var latest = await Cloud.DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec(SimulatorHarness.LaunchTemplateId, null, null), "$Latest", CancellationToken.None);

        Assert.Equal(new LaunchTemplateVersion(SimulatorHarness.LaunchTemplateId, "checkout", 2, SimulatorHarness.NewImage, "t3.micro", "bmV3"), created);
        Assert.Equal(created, repeated);
        Assert.Equal(created, latest);
    }

    [Fact]
    public async Task CreateLaunchTemplate_from_a_launch_configuration_makes_version_one()
    {
        var configuration = await Cloud.DescribeLaunchConfigurationAsync("legacy-lc", CancellationToken.None);
        Assert.NotNull(configuration);
        var data = configuration.ToLaunchTemplateData(SimulatorHarness.NewImage, userDataBase64: null);

        var created = await Cloud.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest("legacy-lc-lt", data, "deploy-1/setup/lt"), CancellationToken.None);
        var described = await Cloud.DescribeLaunchTemplateVersionAsync(new LaunchTemplateSpec(created.LaunchTemplateId, null, null), "1", CancellationToken.None);

        Assert.Equal(("legacy-lc-lt", 1L, SimulatorHarness.NewImage, "t3.small"), (created.LaunchTemplateName, created.VersionNumber, created.ImageId, created.InstanceType));
        Assert.Equal(created, described);
    }

    [Fact]
    public async Task A_template_name_in_use_is_refused_with_ec2s_code()
    {
        var data = new LaunchTemplateData { ImageId = SimulatorHarness.NewImage, InstanceType = "t3.micro" };

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            Cloud.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest("checkout", data, "token-x"), CancellationToken.None));

        Assert.Equal(CloudErrorCodes.LaunchTemplateNameInUse, error.Error.Code);
        Assert.Equal(1, aws.Control.RequestCount("CreateLaunchTemplate"));
    }
}
