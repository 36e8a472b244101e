using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>
/// Auto Scaling's error texts, as AWS words them (reference/aws.md §1.5). AWS is not consistent about how it says a
/// group is missing, so each operation keeps the wording AWS uses for it.
/// </summary>
internal static class AutoScalingErrors
{
    public static AwsException Validation(string message) => new("ValidationError", message);

    /// <summary>UpdateAutoScalingGroup and PutScheduledUpdateGroupAction on a missing group.</summary>
    public static AwsException GroupNotFoundNull() => Validation("AutoScalingGroup name not found - null");

    public static AwsException GroupNotFound(string name) =>
        Validation($"AutoScalingGroup name not found - AutoScalingGroup '{name}' not found");

    /// <summary>CreateOrUpdateTags and DeleteTags on a missing group.</summary>
    public static AwsException TaggedGroupNotFound(string name) =>
        Validation($"AutoScalingGroup not found - AutoScaling Group {name} not found");

    public static AwsException PendingDelete(string name) =>
        new("ScalingActivityInProgress", $"AutoScalingGroup {name} is pending delete.");

    public static AwsException AlreadyExists(string name) =>
        new("AlreadyExists", $"AutoScalingGroup by this name already exists - A group with the name {name} already exists");

    public static AwsException InvalidNextToken() => new("InvalidNextToken", "The NextToken value is not valid.");

    public static AwsException DesiredOutOfRange(int desired, int min, int max) =>
        Validation($"Desired capacity:{desired} must be between the specified min size:{min} and max size:{max}");

    public static AwsException OneLaunchSource() => Validation(
        "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");

    public static AwsException MinAboveMax(int min, int max) =>
        Validation($"Max bound, {max}, must be greater than or equal to min bound, {min}");
}
