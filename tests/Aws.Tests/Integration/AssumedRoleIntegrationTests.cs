using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>
/// A target with a role: our client assumes it through the simulator's STS and signs every call with the session,
/// so the calls act in the role's account. Client and simulator share one fake clock, to see the refresh.
/// </summary>
public sealed class AssumedRoleIntegrationTests : IAsyncLifetime
{
    private static readonly string RoleInOtherAccount = $"arn:aws:iam::{SimulatorHarness.OtherAccount.AccountId}:role/deployer";
    private SimulatorHarness aws = null!;

    public async Task InitializeAsync() => aws = await SimulatorHarness.StartAsync(clientOnSimulatorClock: true);

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task Calls_for_a_role_target_act_in_the_roles_account()
    {
        var roleCloud = aws.Provider.For(new CloudTarget(SimulatorHarness.Region, RoleInOtherAccount));

        var template = await roleCloud.CreateLaunchTemplateAsync(
            new CreateLaunchTemplateRequest("role-template", new LaunchTemplateData { ImageId = SimulatorHarness.NewImage, InstanceType = "t3.micro" }, "role-token"),
            CancellationToken.None);
        await roleCloud.CreateAsgAsync(
            new CreateAsgRequest
            {
                Name = "made-by-role",
                LaunchTemplate = new LaunchTemplateSpec(template.LaunchTemplateId, null, "$Latest"),
                MaxSize = 1,
                AvailabilityZones = ["us-east-1a"],
            },
            CancellationToken.None);
        var seenByRole = await roleCloud.DescribeAsgsAsync(["made-by-role", SimulatorHarness.BaseGroup], CancellationToken.None);
        var seenByOwnAccount = await aws.Cloud.DescribeAsgsAsync(["made-by-role"], CancellationToken.None);
        using var otherAccount = aws.ProviderWith(SimulatorHarness.OtherAccount.AccessKeyId, SimulatorHarness.OtherAccount.SecretAccessKey);
        var seenByOtherAccountKeys = await otherAccount.For(new CloudTarget(SimulatorHarness.Region, null)).DescribeAsgsAsync(["made-by-role"], CancellationToken.None);

        Assert.Equal(["made-by-role"], seenByRole.Select(g => g.Name));
        Assert.Empty(seenByOwnAccount);
        Assert.Equal(["made-by-role"], seenByOtherAccountKeys.Select(g => g.Name));
        Assert.Equal(1, aws.Control.RequestCount("AssumeRole"));
    }

    [Fact]
    public async Task The_configured_role_is_assumed_for_a_target_that_names_none()
    {
        await using var withRole = await SimulatorHarness.StartAsync(options => options with { RoleArn = RoleInOtherAccount }, clientOnSimulatorClock: true);

        var images = await withRole.Provider.For(new CloudTarget(SimulatorHarness.Region, null))
            .DescribeImagesAsync(new ImageQuery { Tags = ValueMap.Of(("service", "checkout")) }, CancellationToken.None);

        Assert.Empty(images);
        Assert.Equal(1, withRole.Control.RequestCount("AssumeRole"));
    }

    [Fact]
    public async Task Ec2_calls_for_a_role_target_use_the_session_too()
    {
        var roleCloud = aws.Provider.For(new CloudTarget(SimulatorHarness.Region, RoleInOtherAccount));
        var checkout = new ImageQuery { Tags = ValueMap.Of(("service", "checkout")) };

        var roleImages = await roleCloud.DescribeImagesAsync(checkout, CancellationToken.None);
        var ownImages = await aws.Cloud.DescribeImagesAsync(checkout, CancellationToken.None);

        Assert.Empty(roleImages);
        Assert.Equal(2, ownImages.Count);
        Assert.Equal(1, aws.Control.RequestCount("AssumeRole"));
    }

    [Fact]
    public async Task The_session_is_renewed_before_it_expires()
    {
        var roleCloud = aws.Provider.For(new CloudTarget(SimulatorHarness.Region, RoleInOtherAccount));

        await roleCloud.DescribeAsgsAsync(["x"], CancellationToken.None);
        aws.Clock.Advance(TimeSpan.FromMinutes(45));
        await roleCloud.DescribeAsgsAsync(["x"], CancellationToken.None);
        Assert.Equal(1, aws.Control.RequestCount("AssumeRole"));
        aws.Clock.Advance(TimeSpan.FromMinutes(10));
        await roleCloud.DescribeAsgsAsync(["x"], CancellationToken.None);
        aws.Clock.Advance(TimeSpan.FromMinutes(30));
        // The first session has expired on the simulator by now; only a renewed one is accepted.
        await roleCloud.DescribeImagesAsync(new ImageQuery { NamePattern = "*" }, CancellationToken.None);

        Assert.Equal(2, aws.Control.RequestCount("AssumeRole"));
    }

    [Fact]
    public async Task A_role_that_may_not_be_assumed_surfaces_access_denied_after_one_attempt()
    {
        var roleCloud = aws.Provider.For(new CloudTarget(SimulatorHarness.Region, "arn:aws:iam::999999999999:role/deployer"));

        var error = await Assert.ThrowsAsync<CloudException>(() => roleCloud.DescribeAsgsAsync(["x"], CancellationToken.None));

        Assert.Equal("AccessDenied", error.Error.Code);
        Assert.False(error.Error.Retryable);
        Assert.Equal(1, aws.Control.RequestCount("AssumeRole"));
        Assert.Equal(0, aws.Control.RequestCount("DescribeAutoScalingGroups"));
    }
}
