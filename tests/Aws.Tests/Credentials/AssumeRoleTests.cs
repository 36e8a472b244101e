using System.Xml.Linq;
using AmiOrchestrator.Aws.Credentials;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Tests.Credentials;

public sealed class AssumeRoleTests
{
    [Fact]
    public void Request_names_role_session_and_duration()
    {
        var request = AssumeRole.Request("arn:aws:iam::123456789012:role/deployer", "ami-orchestrator", TimeSpan.FromHours(1));

        Assert.Equal("AssumeRole", request.Action);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["RoleArn"] = "arn:aws:iam::123456789012:role/deployer",
                ["RoleSessionName"] = "ami-orchestrator",
                ["DurationSeconds"] = "3600",
            },
            request.Parameters.ToDictionary());
    }

    [Fact]
    public void Read_takes_keys_token_and_expiration()
    {
        var result = XElement.Parse("""
            <AssumeRoleResult xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>
                <SessionToken>token==</SessionToken><Expiration>2026-03-04T06:06:07Z</Expiration></Credentials>
              <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/deployer/s</Arn></AssumedRoleUser>
            </AssumeRoleResult>
            """);

        var session = AssumeRole.Read(result);

        Assert.Equal(("ASIAEXAMPLE", "secret", "token=="), (session.Credentials.AccessKey, session.Credentials.SecretKey, session.Credentials.Token));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 6, 6, 7, TimeSpan.Zero), session.Expiration);
    }

    [Fact]
    public void Read_without_credentials_is_an_invalid_response()
    {
        var error = Assert.Throws<CloudException>(() => AssumeRole.Read(XElement.Parse("<AssumeRoleResult/>")));

        Assert.Equal(InvalidResponse.Code, error.Error.Code);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/deployer", "123456789012")]
    [InlineData("arn:aws-cn:iam::210987654321:role/path/to/deployer", "210987654321")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/x/y", null)]
    [InlineData("deployer", null)]
    public void AccountOf_reads_the_account_of_an_iam_arn(string arn, string? account)
    {
        Assert.Equal(account, AssumeRole.AccountOf(arn));
    }
}
