using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Launch templates as EC2 manages them: listing, the default version, deleting versions, user data.</summary>
public sealed class LaunchTemplateTests : SimulatorTest
{
    [Fact]
    public async Task DescribeLaunchTemplates_lists_by_id_name_or_filter_and_refuses_unknown_ids()
    {
        await Client.Ec2Async("CreateLaunchTemplate", ("LaunchTemplateName", "other"), ("LaunchTemplateData.ImageId", TestRegion.ImageV1));

        var all = await Client.Ec2Async("DescribeLaunchTemplates");
        var byName = await Client.Ec2Async("DescribeLaunchTemplates", ("LaunchTemplateName.1", TestRegion.TemplateName));
        var byFilter = await Client.Ec2Async("DescribeLaunchTemplates", ("Filter.1.Name", "launch-template-name"), ("Filter.1.Value.1", "oth*"));
        var unknown = await Assert.ThrowsAsync<QueryException>(() => Client.Ec2Async("DescribeLaunchTemplates", ("LaunchTemplateId.1", "lt-0fffffffffffffff0")));

        Assert.Equal(2, all.Items("launchTemplates").Count);
        Assert.Equal(TestRegion.TemplateId, Assert.Single(byName.Items("launchTemplates")).Text("launchTemplateId"));
        Assert.Equal("other", Assert.Single(byFilter.Items("launchTemplates")).Text("launchTemplateName"));
        Assert.Equal("InvalidLaunchTemplateId.NotFound", unknown.Code);
    }

    [Fact]
    public async Task ModifyLaunchTemplate_moves_the_default_version_that_groups_on_Default_launch_from()
    {
        await Client.Ec2Async("CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("SourceVersion", "1"), ("LaunchTemplateData.ImageId", TestRegion.ImageV2));

        var modified = await Client.Ec2Async("ModifyLaunchTemplate", ("LaunchTemplateId", TestRegion.TemplateId), ("SetDefaultVersion", "2"));
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 1, 1, version: "$Default"));
        var missing = await Assert.ThrowsAsync<QueryException>(() =>
            Client.Ec2Async("ModifyLaunchTemplate", ("LaunchTemplateId", TestRegion.TemplateId), ("SetDefaultVersion", "9")));

        Assert.Equal(("2", "2"), (modified.Find("defaultVersionNumber"), modified.Find("latestVersionNumber")));
        Assert.Equal(TestRegion.ImageV2, (await GroupAsync("web")).Items("Instances")[0].Text("ImageId"));
        Assert.Equal("InvalidLaunchTemplateId.VersionNotFound", missing.Code);
    }

    [Fact]
    public async Task DeleteLaunchTemplateVersions_deletes_versions_reports_the_rest_and_never_reuses_a_number()
    {
        await Client.Ec2Async("CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("LaunchTemplateData.ImageId", TestRegion.ImageV2));

        var answer = await Client.Ec2Async(
            "DeleteLaunchTemplateVersions", ("LaunchTemplateId", TestRegion.TemplateId),
            ("LaunchTemplateVersion.1", "2"), ("LaunchTemplateVersion.2", "1"), ("LaunchTemplateVersion.3", "7"));
        var next = await Client.Ec2Async("CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("LaunchTemplateData.ImageId", TestRegion.ImageV2));

        Assert.Equal(["2"], answer.Items("successfullyDeletedLaunchTemplateVersionSet").Select(v => v.Text("versionNumber")));
        Assert.Equal(
            [("1", "unexpectedError"), ("7", "launchTemplateVersionDoesNotExist")],
            answer.Items("unsuccessfullyDeletedLaunchTemplateVersionSet").Select(v => (v.Text("versionNumber"), v.Text("responseError/code"))));
        Assert.Equal("3", next.Find("versionNumber"));
    }

    [Fact]
    public async Task User_data_that_is_not_base64_is_refused_as_EC2_refuses_it()
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => Client.Ec2Async(
            "CreateLaunchTemplateVersion", ("LaunchTemplateId", TestRegion.TemplateId), ("LaunchTemplateData.UserData", "#!/bin/bash\necho hi")));

        Assert.Equal(("InvalidUserData.Malformed", 400, "Invalid BASE64 encoding of user data."), (error.Code, error.Status, error.AwsMessage));
    }
}
