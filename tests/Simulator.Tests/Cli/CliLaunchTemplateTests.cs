using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>The AWS CLI against launch template management: listing, the default version, deleting versions, user data.</summary>
[Trait("Category", "AwsCli")]
public sealed class CliLaunchTemplateTests : SimulatorTest
{
    [Fact]
    public async Task Templates_are_listed_their_default_moved_and_versions_deleted()
    {
        await Client.Ec2Async("CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("LaunchTemplateData.ImageId", TestRegion.ImageV2));
        await Client.Ec2Async("CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("LaunchTemplateData.ImageId", TestRegion.ImageV2));

        var listed = await Cli.OutputAsync("ec2", "describe-launch-templates", "--launch-template-names", TestRegion.TemplateName);
        var modified = await Cli.OutputAsync("ec2", "modify-launch-template", "--launch-template-id", TestRegion.TemplateId, "--default-version", "2");
        var deleted = await Cli.OutputAsync("ec2", "delete-launch-template-versions", "--launch-template-id", TestRegion.TemplateId, "--versions", "2", "3");

        Assert.Equal(3, listed.GetProperty("LaunchTemplates")[0].GetProperty("LatestVersionNumber").GetInt32());
        Assert.Equal(2, modified.GetProperty("LaunchTemplate").GetProperty("DefaultVersionNumber").GetInt32());
        Assert.Equal(3, deleted.GetProperty("SuccessfullyDeletedLaunchTemplateVersions")[0].GetProperty("VersionNumber").GetInt32());
        var refused = deleted.GetProperty("UnsuccessfullyDeletedLaunchTemplateVersions")[0];
        Assert.Equal((2, "unexpectedError"), (refused.GetProperty("VersionNumber").GetInt32(), refused.GetProperty("ResponseError").GetProperty("Code").GetString()));
    }

    [Fact]
    public async Task User_data_that_is_not_base64_is_refused()
    {
        var error = await Cli.ErrorAsync(
            "ec2", "create-launch-template-version", "--launch-template-id", TestRegion.TemplateId, "--launch-template-data", """{"UserData":"echo hi"}""");

        Assert.Equal("An error occurred (InvalidUserData.Malformed) when calling the CreateLaunchTemplateVersion operation: Invalid BASE64 encoding of user data.", error);
        // The inspection log has the CLI's call, its user data redacted.
        var logged = Assert.Single(Simulator.Control.Requests("CreateLaunchTemplateVersion"));
        Assert.Equal(("InvalidUserData.Malformed", "(redacted)"), (logged.ResultCode, logged.Parameters["LaunchTemplateData.UserData"]));
    }
}
