using Amazon.Runtime;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>AssumeRole issues credentials for the role's account that work until they expire on the simulated clock.</summary>
public sealed class StsTests : IAsyncLifetime
{
    private static readonly SimulatedAccount Target = new("210987654321", "AKIDTARGETACCOUNT", "target-secret");

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider clock = TestRegion.NewClock();
    private SimulatedAws? simulator;
    private QueryClient? engine;

    private SimulatedAws Simulator => simulator!;

    private QueryClient Engine => engine!;

    public async Task InitializeAsync()
    {
        simulator = await SimulatedAws.StartAsync(new SimulatorOptions
        {
            Clock = clock,
            Accounts = [SimulatedAccount.Default, Target],
            Fixtures = new SimulatorFixtures
            {
                Regions = [TestRegion.Fixtures().Regions[0] with { AccountId = Target.AccountId }],
            },
        });
        engine = new QueryClient(simulator.Endpoint, SimulatedAccount.Default);
    }

    public async Task DisposeAsync()
    {
        engine?.Dispose();
        if (simulator is not null)
            await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Assumed_role_credentials_act_in_the_role_account_until_they_expire()
    {
        var assumed = await Engine.StsAsync(
            "AssumeRole", ("RoleArn", $"arn:aws:iam::{Target.AccountId}:role/deployer"), ("RoleSessionName", "deploy-42"), ("DurationSeconds", "1800"));
        using var role = new QueryClient(Simulator.Endpoint, Session(assumed));

        var identity = await role.StsAsync("GetCallerIdentity");
        await role.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("in-target", 0, 1, 0));
        var seenByEngine = await Engine.AutoScalingAsync("DescribeAutoScalingGroups");
        clock.Advance(TimeSpan.FromSeconds(1799));
        var stillValid = await role.AutoScalingAsync("DescribeAutoScalingGroups");
        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await Assert.ThrowsAsync<QueryException>(() => role.AutoScalingAsync("DescribeAutoScalingGroups"));

        Assert.Equal((Target.AccountId, $"arn:aws:sts::{Target.AccountId}:assumed-role/deployer/deploy-42"), (identity.Find("Account"), identity.Find("Arn")));
        Assert.Empty(seenByEngine.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
        Assert.Single(stillValid.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
        Assert.Equal(("ExpiredToken", 403), (expired.Code, expired.Status));
        Assert.Equal(clock.GetUtcNow(), DateTimeOffset.Parse(assumed.Find("Expiration")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Session_keys_without_their_token_are_refused()
    {
        var assumed = await Engine.StsAsync("AssumeRole", ("RoleArn", $"arn:aws:iam::{Target.AccountId}:role/deployer"), ("RoleSessionName", "s1"));
        using var withoutToken = new QueryClient(Simulator.Endpoint, new BasicAWSCredentials(assumed.Find("AccessKeyId"), assumed.Find("SecretAccessKey")));

        var error = await Assert.ThrowsAsync<QueryException>(() => withoutToken.StsAsync("GetCallerIdentity"));

        Assert.Equal(("InvalidClientTokenId", 403), (error.Code, error.Status));
    }

    [Theory]
    [InlineData("arn:aws:iam::999999999999:role/deployer", "3600", "AccessDenied", 403)]
    [InlineData("arn:aws:iam::210987654321:role/deployer", "7200", "ValidationError", 400)]
    [InlineData("arn:aws:iam::210987654321:role/deployer", "60", "ValidationError", 400)]
    [InlineData("arn:aws:iam::210987654321:user/someone", "3600", "ValidationError", 400)]
    public async Task AssumeRole_refuses_what_AWS_refuses(string roleArn, string duration, string code, int status)
    {
        var error = await Assert.ThrowsAsync<QueryException>(() =>
            Engine.StsAsync("AssumeRole", ("RoleArn", roleArn), ("RoleSessionName", "s1"), ("DurationSeconds", duration)));

        Assert.Equal((code, status), (error.Code, error.Status));
    }

    private static SessionAWSCredentials Session(System.Xml.Linq.XElement assumed) =>
        new(assumed.Find("AccessKeyId"), assumed.Find("SecretAccessKey"), assumed.Find("SessionToken"));
}
