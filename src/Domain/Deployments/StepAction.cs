using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// One thing a step does: an AWS change, a wait, or a gate.
/// The actions that tear down a deployment's new group carry <c>OwnedBy</c> (the deployment id): the executor acts
/// only on a group tagged <c>ami-orchestrator:deployment=&lt;OwnedBy&gt;</c> and treats any other group of that
/// name as done and leaves it alone, because a create that failed on a taken name must never lead to deleting
/// someone else's group. Every change is idempotent (absolute values, names,
/// client tokens), so a step whose outcome was lost in a crash is simply run again. Actions are data, persisted
/// inside <see cref="StepStarted"/> under stable kind names, never CLR type names.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DiscoverSetup), "discover")]
[JsonDerivedType(typeof(CreateLaunchTemplateVersion), "create-launch-template-version")]
[JsonDerivedType(typeof(CreateLaunchTemplate), "create-launch-template")]
[JsonDerivedType(typeof(CreateAsg), "create-asg")]
[JsonDerivedType(typeof(RemoveScalingPolicies), "remove-policies")]
[JsonDerivedType(typeof(PutScalingPolicies), "put-policies")]
[JsonDerivedType(typeof(PutPolicyAlarms), "put-policy-alarms")]
[JsonDerivedType(typeof(PutScheduledActions), "put-scheduled-actions")]
[JsonDerivedType(typeof(ResizeAsg), "resize")]
[JsonDerivedType(typeof(WaitSteady), "wait-steady")]
[JsonDerivedType(typeof(DeleteAsg), "delete-asg")]
[JsonDerivedType(typeof(AttachRoutes), "attach-routes")]
[JsonDerivedType(typeof(DetachRoutes), "detach-routes")]
[JsonDerivedType(typeof(WaitDeregistered), "wait-deregistered")]
[JsonDerivedType(typeof(TagAsg), "tag-asg")]
[JsonDerivedType(typeof(Bake), "bake")]
[JsonDerivedType(typeof(HttpCheck), "http-check")]
[JsonDerivedType(typeof(AwaitApproval), "approval")]
public abstract record StepAction
{
    /// <summary>The action's segment of a step id (<c>&lt;deployment&gt;/&lt;phase&gt;/&lt;action&gt;/&lt;target&gt;</c>).</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>The group the action works on, or <c>gate</c> for checks that touch none.</summary>
    [JsonIgnore]
    public abstract string Target { get; }

    /// <summary>
    /// True for actions that change nothing (discovery, waits, gates): an abort or rollback request may cancel
    /// them at once instead of waiting for them to finish.
    /// </summary>
    [JsonIgnore]
    public virtual bool IsReadOnly => false;

    /// <summary>The group this action changes, if it changes one; rollback restores or removes the groups a deployment touched.</summary>
    [JsonIgnore]
    public virtual string? MutatedAsg => null;
}

/// <summary>Reads the base group, the AMI, the lineage and what setup must copy; yields a <see cref="SetupObserved"/>.</summary>
public sealed record DiscoverSetup : StepAction
{
    public override string Name => "discover";
    public override string Target => "setup";
    public override bool IsReadOnly => true;
}

/// <summary>A new version of the base group's launch template with the AMI (and user data); the client token makes a repeat a no-op.</summary>
public sealed record CreateLaunchTemplateVersion(
    string LaunchTemplateId, long SourceVersion, string ImageId, string? UserDataBase64, string ClientToken) : StepAction
{
    public override string Name => "create-launch-template-version";
    public override string Target => LaunchTemplateId;
}

/// <summary>A launch template made from a base group's launch configuration, named like the new group.</summary>
public sealed record CreateLaunchTemplate(string LaunchTemplateName, LaunchTemplateData Data, string ClientToken) : StepAction
{
    public override string Name => "create-launch-template";
    public override string Target => LaunchTemplateName;
}

/// <summary>
/// Creates the new group. In the program its launch template version is unset; it is filled with the version
/// the launch-template step created when the step starts. AlreadyExists counts as success only when the existing
/// group carries this deployment's tag.
/// </summary>
public sealed record CreateAsg(CreateAsgRequest Request, string DeploymentId) : StepAction
{
    public override string Name => "create-asg";
    public override string Target => Request.Name;
    public override string? MutatedAsg => Request.Name;
}

/// <summary>
/// Deletes every scaling policy and scheduled action of a group so autoscaling cannot fight the plan while the engine
/// resizes it: a schedule left on the previous group would bring it back up mid-deploy, or days after it was drained.
/// </summary>
public sealed record RemoveScalingPolicies(string Asg) : StepAction
{
    public override string Name => "remove-policies";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>Puts scaling policies on a group by name (a repeat overwrites them with the same settings).</summary>
public sealed record PutScalingPolicies(string Asg, ValueList<ScalingPolicy> Policies) : StepAction
{
    public override string Name => "put-policies";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>
/// Puts the CloudWatch alarms that drive a group's step and simple policies, by name (a repeat overwrites them with the
/// same settings). Their actions carry <see cref="PolicyAlarms"/> placeholders: the executor resolves them against the
/// group's policies as DescribePolicies reports them (<see cref="PolicyAlarms.Resolve"/>), so the step follows the one
/// that puts the policies; a placeholder naming a policy the group does not have fails the step without retrying.
/// </summary>
public sealed record PutPolicyAlarms(string Asg, ValueList<MetricAlarm> Alarms) : StepAction
{
    public override string Name => "put-policy-alarms";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>Puts scheduled actions on a group by name.</summary>
public sealed record PutScheduledActions(string Asg, ValueList<ScheduledAction> Actions) : StepAction
{
    public override string Name => "put-scheduled-actions";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>
/// Sets absolute sizes (min and desired together so the target holds). <see cref="MissingIsDone"/> makes a
/// missing group count as done, for rollback of a group whose creation may not have happened.
/// </summary>
public sealed record ResizeAsg(string Asg, int? MinSize, int DesiredCapacity, int? MaxSize, bool MissingIsDone = false, string? OwnedBy = null) : StepAction
{
    public override string Name => "resize";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>
/// Waits until the group has exactly <see cref="DesiredCapacity"/> instances, all InService and Healthy, and
/// healthy in each target group / InService in each classic load balancer listed.
/// </summary>
public sealed record WaitSteady(
    string Asg,
    int DesiredCapacity,
    ValueList<string> TargetGroups,
    ValueList<string> LoadBalancers,
    Duration PollInterval,
    bool MissingIsDone = false,
    string? OwnedBy = null) : StepAction
{
    public override string Name => "wait-steady";
    public override string Target => Asg;
    public override bool IsReadOnly => true;
}

/// <summary>
/// Deletes a group; a group that is already gone counts as deleted. With <see cref="Force"/> (the default, and what
/// steps recorded before the flag existed meant) it terminates whatever is left of the group; without it AWS refuses a
/// group that still has instances, which is what setup's clean-up wants when the drain before it did not finish.
/// </summary>
public sealed record DeleteAsg(string Asg, string? OwnedBy = null, bool Force = true) : StepAction
{
    public override string Name => "delete-asg";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>Attaches target groups and classic load balancers to a group.</summary>
public sealed record AttachRoutes(string Asg, ValueList<string> TargetGroups, ValueList<string> LoadBalancers) : StepAction
{
    public override string Name => "attach-routes";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>Detaches those of the target groups and classic load balancers that are attached to a group.</summary>
public sealed record DetachRoutes(
    string Asg, ValueList<string> TargetGroups, ValueList<string> LoadBalancers, bool MissingIsDone = false, string? OwnedBy = null) : StepAction
{
    public override string Name => "detach-routes";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>Waits until none of the group's instances is registered in the target groups or load balancers.</summary>
public sealed record WaitDeregistered(
    string Asg, ValueList<string> TargetGroups, ValueList<string> LoadBalancers, Duration PollInterval, bool MissingIsDone = false, string? OwnedBy = null)
    : StepAction
{
    public override string Name => "wait-deregistered";
    public override string Target => Asg;
    public override bool IsReadOnly => true;
}

/// <summary>Creates or overwrites tags on a group.</summary>
public sealed record TagAsg(string Asg, ValueList<AsgTag> Tags, bool MissingIsDone = false, string? OwnedBy = null) : StepAction
{
    public override string Name => "tag-asg";
    public override string Target => Asg;
    public override string? MutatedAsg => Asg;
}

/// <summary>Waits out the bake time (the step's deadline) and fails early if any named CloudWatch alarm goes to ALARM.</summary>
public sealed record Bake(Duration BakeTime, ValueList<string> Alarms, Duration PollInterval) : StepAction
{
    public override string Name => "bake";
    public override string Target => "gate";
    public override bool IsReadOnly => true;
}

/// <summary>Polls an HTTP endpoint until it answers 2xx; fails when the step's deadline passes first.</summary>
public sealed record HttpCheck(string Url, Duration Timeout, Duration PollInterval) : StepAction
{
    public override string Name => "http-check";
    public override string Target => "gate";
    public override bool IsReadOnly => true;
}

/// <summary>Pauses until an Approve or Reject arrives (or the approval timeout, when one is set, passes).</summary>
public sealed record AwaitApproval(Duration? Timeout) : StepAction
{
    public override string Name => "approval";
    public override string Target => "gate";
    public override bool IsReadOnly => true;
}
