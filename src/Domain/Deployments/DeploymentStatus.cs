using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>The states a deployment reports (SEMANTICS.md "States a deployment reports"); <see cref="New"/> is before submission.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<DeploymentStatus>))]
public enum DeploymentStatus
{
    New,
    Queued,
    SettingUp,
    Deploying,
    AwaitingApproval,
    Swapping,
    Succeeded,
    RollingBack,
    RolledBack,
    RollbackFailed,
    Failed,
    Aborted,
}
