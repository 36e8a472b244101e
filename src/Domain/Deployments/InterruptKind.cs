using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>What an operator asked to happen after the step in progress.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<InterruptKind>))]
public enum InterruptKind
{
    Abort,
    Rollback,
}
