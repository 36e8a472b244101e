using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>The simulator checks SigV4 as AWS does: a wrong key is refused, and the refusal is not retried.</summary>
public sealed class SigningIntegrationTests : IAsyncLifetime
{
    private SimulatorHarness aws = null!;

    public async Task InitializeAsync() => aws = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task A_wrong_secret_is_refused_with_signature_does_not_match_after_one_attempt()
    {
        using var provider = aws.ProviderWith(SimulatedAccount.Default.AccessKeyId, "not-the-secret-at-all-not-the-secret-000");

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget(SimulatorHarness.Region, null)).DescribeAsgsAsync([SimulatorHarness.BaseGroup], CancellationToken.None));

        Assert.Equal("SignatureDoesNotMatch", error.Error.Code);
        Assert.Equal(403, error.Error.HttpStatus);
        Assert.False(error.Error.Retryable);
        Assert.Equal(1, aws.Control.RequestCount("DescribeAutoScalingGroups"));
    }

    [Fact]
    public async Task A_wrong_secret_on_ec2_is_refused_after_one_attempt_too()
    {
        using var provider = aws.ProviderWith(SimulatedAccount.Default.AccessKeyId, "not-the-secret-at-all-not-the-secret-000");

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.For(new CloudTarget(SimulatorHarness.Region, null))
            .DescribeImagesAsync(new ImageQuery { ImageIds = [SimulatorHarness.OldImage] }, CancellationToken.None));

        Assert.Equal("SignatureDoesNotMatch", error.Error.Code);
        Assert.False(error.Error.Retryable);
        Assert.Equal(1, aws.Control.RequestCount("DescribeImages"));
    }

    [Fact]
    public async Task An_unknown_access_key_is_refused_after_one_attempt()
    {
        using var provider = aws.ProviderWith("AKIDUNKNOWNEXAMPLE00", SimulatedAccount.Default.SecretAccessKey);

        var error = await Assert.ThrowsAsync<CloudException>(() =>
            provider.For(new CloudTarget(SimulatorHarness.Region, null)).DescribeLifecycleHooksAsync(SimulatorHarness.BaseGroup, CancellationToken.None));

        Assert.Equal("InvalidClientTokenId", error.Error.Code);
        Assert.False(error.Error.Retryable);
        Assert.Equal(1, aws.Control.RequestCount("DescribeLifecycleHooks"));
    }
}
