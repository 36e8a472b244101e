using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Cloud;

/// <summary>
/// A scaling policy (target tracking, step, simple or predictive), kept losslessly as the PutScalingPolicy
/// parameters that recreate it, in AWS Query form (for example
/// <c>TargetTrackingConfiguration.TargetValue</c> = <c>50.0</c>). Keeping AWS's own shape means every policy
/// type AWS adds later is copied and restored without the engine having to model it.
/// </summary>
public sealed record ScalingPolicy(string PolicyName, string PolicyType, ValueMap Parameters)
{
    /// <summary>The policy's ARN as DescribePolicies reports it (a put ignores it: AWS gives a put policy a new one).</summary>
    public string? PolicyArn { get; init; }

    /// <summary>The CloudWatch alarms that DescribePolicies lists as driving this policy (step and simple policies).</summary>
    public ValueList<string> AlarmNames { get; init; } = ValueList<string>.Empty;

    /// <summary>
    /// The same policy for another group: customized-metric dimensions that named <paramref name="fromAsg"/>
    /// now name <paramref name="toAsg"/>, so a copied policy watches the group it scales.
    /// </summary>
    public ScalingPolicy ForGroup(string fromAsg, string toAsg) =>
        this with { Parameters = QueryParameters.RepointAsgDimensions(Parameters, fromAsg, toAsg) };
}
