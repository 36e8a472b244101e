using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against the simulated STS, and with the session credentials it issues.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliStsTests : SimulatorTest
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/deployer";

    [Fact]
    public async Task Caller_identity_of_the_account_keys_is_the_account_root()
    {
        var identity = await Cli.OutputAsync("sts", "get-caller-identity");

        Assert.Equal("123456789012", identity.GetProperty("Account").GetString());
        Assert.Equal("arn:aws:iam::123456789012:root", identity.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task Assumed_role_credentials_work_until_they_expire()
    {
        var assumed = await Cli.OutputAsync("sts", "assume-role", "--role-arn", RoleArn, "--role-session-name", "deploy-42", "--duration-seconds", "900");
        var credentials = assumed.GetProperty("Credentials");
        using var roleCli = new AwsCli(
            Simulator.Endpoint,
            credentials.GetProperty("AccessKeyId").GetString()!,
            credentials.GetProperty("SecretAccessKey").GetString()!,
            credentials.GetProperty("SessionToken").GetString());

        var identity = await roleCli.OutputAsync("sts", "get-caller-identity");
        Advance(900);
        var expired = await roleCli.ErrorAsync("autoscaling", "describe-auto-scaling-groups");

        Assert.StartsWith("ASIA", credentials.GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/deployer/deploy-42", assumed.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/deployer/deploy-42", identity.GetProperty("Arn").GetString());
        Assert.EndsWith(":deploy-42", identity.GetProperty("UserId").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            "An error occurred (ExpiredToken) when calling the DescribeAutoScalingGroups operation: The security token included in the request is expired",
            expired);
    }
}
