using System.Text.RegularExpressions;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Ec2;

/// <summary>EC2's error codes and texts (reference/aws.md §2.1); EC2 models no errors, so these follow the live service.</summary>
internal static partial class Ec2Errors
{
    public static void RefuseDryRun(QueryParameters parameters)
    {
        if (parameters.Bool("DryRun") == true)
            throw new AwsException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    }

    public static void ImageIdFormat(string imageId)
    {
        if (!ImageIdPattern().IsMatch(imageId))
            throw new AwsException("InvalidAMIID.Malformed", $"Invalid id: \"{imageId}\" (expecting \"ami-...\")");
    }

    /// <summary>User data travels base64-encoded (the CLI and SDKs encode it); EC2 refuses text that is not.</summary>
    public static void UserDataFormat(string userData)
    {
        var bytes = new byte[userData.Length];
        if (!Convert.TryFromBase64String(userData, bytes, out _))
            throw new AwsException("InvalidUserData.Malformed", "Invalid BASE64 encoding of user data.");
    }

    public static AwsException ImagesNotFound(IReadOnlyList<string> imageIds) => imageIds.Count == 1
        ? new AwsException("InvalidAMIID.NotFound", $"The image id '[{imageIds[0]}]' does not exist")
        : new AwsException("InvalidAMIID.NotFound", $"The image ids '[{string.Join(", ", imageIds)}]' do not exist");

    public static void InstanceIdFormat(string instanceId)
    {
        if (!InstanceIdPattern().IsMatch(instanceId))
            throw new AwsException("InvalidInstanceID.Malformed", $"Invalid id: \"{instanceId}\"");
    }

    public static AwsException InstancesNotFound(IReadOnlyList<string> instanceIds) => instanceIds.Count == 1
        ? new AwsException("InvalidInstanceID.NotFound", $"The instance ID '{instanceIds[0]}' does not exist")
        : new AwsException("InvalidInstanceID.NotFound", $"The instance IDs '{string.Join(", ", instanceIds)}' do not exist");

    public static AwsException TemplateIdNotFound(string id) =>
        new("InvalidLaunchTemplateId.NotFound", $"The specified launch template, with template ID {id}, does not exist.");

    public static AwsException TemplateNameNotFound(string name) =>
        new("InvalidLaunchTemplateName.NotFoundException", $"The specified launch template, with template name {name}, does not exist.");

    public static AwsException VersionNotFound(string version, string templateId) =>
        new("InvalidLaunchTemplateId.VersionNotFound", $"Could not find the specified version {version} for the launch template with ID {templateId}.");

    public static AwsException Combination(string first, string second) =>
        new("InvalidParameterCombination", $"The parameter {first} cannot be used with the parameter {second}");

    [GeneratedRegex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex ImageIdPattern();

    [GeneratedRegex("^i-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex InstanceIdPattern();
}
