using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Simulator.AutoScaling.Lifecycle;
using AmiOrchestrator.Simulator.AutoScaling.Scheduling;
using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.AutoScaling;

/// <summary>The checks CreateAutoScalingGroup and UpdateAutoScalingGroup share, with AWS's messages.</summary>
internal static class GroupRules
{
    private const int MinInstanceLifetime = 86_400;
    private const int MaxInstanceLifetime = 31_536_000;
    private const int MaxTagsPerGroup = 50;

    private static readonly string[] HealthCheckTypes = ["EC2", "ELB", "EBS", "VPC_LATTICE"];

    public static void Name(string name)
    {
        if (name.Length is 0 or > 255)
        {
            throw AutoScalingErrors.Validation(Constraint(
                name, "autoScalingGroupName", name.Length == 0 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 255"));
        }
        if (name.Any(char.IsControl))
        {
            throw AutoScalingErrors.Validation(Constraint(
                name, "autoScalingGroupName", "Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*"));
        }
        // Group ARNs end in "autoScalingGroupName/<name>"; AWS forbids the colon so that ARNs stay parseable.
        if (name.Contains(':', StringComparison.Ordinal))
            throw AutoScalingErrors.Validation($"The Auto Scaling group name {name} is not valid: it must not contain a colon (:).");
    }

    public static void NotNegative(int? value, string member)
    {
        if (value < 0)
        {
            throw AutoScalingErrors.Validation(Constraint(
                value.Value.ToString(CultureInfo.InvariantCulture), member, "Member must have value greater than or equal to 0"));
        }
    }

    public static void Capacity(int min, int max, int desired)
    {
        if (min > max)
            throw AutoScalingErrors.MinAboveMax(min, max);
        if (desired < min || desired > max)
            throw AutoScalingErrors.DesiredOutOfRange(desired, min, max);
    }

    public static void InstanceLifetime(int? seconds)
    {
        if (seconds is null or 0)
            return;
        if (seconds < MinInstanceLifetime || seconds > MaxInstanceLifetime)
        {
            throw AutoScalingErrors.Validation(
                $"Maximum instance lifetime must be equal to 0, between {MinInstanceLifetime} and {MaxInstanceLifetime} seconds (inclusive).");
        }
    }

    public static void HealthCheckType(string? type)
    {
        if (type is null)
            return;
        foreach (var part in type.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!HealthCheckTypes.Contains(part, StringComparer.Ordinal))
            {
                throw AutoScalingErrors.Validation(Constraint(
                    type, "healthCheckType", $"Member must satisfy enum value set: [{string.Join(", ", HealthCheckTypes)}]"));
            }
        }
    }

    public static void Tags(IReadOnlyCollection<AsgTag> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key.Length is 0 or > 128)
                throw AutoScalingErrors.Validation(Constraint(tag.Key, "tags.member.key", "Member must have length less than or equal to 128"));
            if (tag.Value.Length > 256)
                throw AutoScalingErrors.Validation(Constraint(tag.Value, "tags.member.value", "Member must have length less than or equal to 256"));
            if (tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw AutoScalingErrors.Validation("Tag keys starting with 'aws:' are reserved for internal use");
        }
        TagCount(tags.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count());
    }

    public static void TagCount(int count)
    {
        if (count > MaxTagsPerGroup)
            throw new AwsException("LimitExceeded", $"The number of tags exceeds the maximum of {MaxTagsPerGroup} per Auto Scaling group.");
    }

    public static void LifecycleHook(LifecycleHook hook)
    {
        if (!LifecycleTransitions.All.Contains(hook.Transition, StringComparer.Ordinal))
        {
            throw AutoScalingErrors.Validation(
                $"Invalid Lifecycle Transition name {hook.Transition}. Valid values are {string.Join(", ", LifecycleTransitions.All)}.");
        }
        if (hook.HeartbeatTimeout is < 30 or > 7200)
            throw AutoScalingErrors.Validation("HeartbeatTimeout must be between 30 and 7200 seconds.");
        if (hook.DefaultResult is not (null or "CONTINUE" or "ABANDON"))
            throw AutoScalingErrors.Validation($"Invalid value {hook.DefaultResult} for DefaultResult. Valid values are CONTINUE and ABANDON.");
    }

    /// <summary>A scheduled action's recurrence must be five-field cron and its time zone one the system knows (IANA names).</summary>
    public static void ScheduledAction(ScheduledAction action)
    {
        if (action.Recurrence is { } recurrence && CronSchedule.TryParse(recurrence) is null)
            throw AutoScalingErrors.Validation($"Given recurrence string {recurrence} is invalid: it must be a cron expression of five fields.");
        if (action.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            throw AutoScalingErrors.Validation($"Invalid time zone {zone}: it must be a time zone name such as Etc/UTC or America/New_York.");
    }

    private static string Constraint(string value, string member, string constraint) =>
        $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}";
}
