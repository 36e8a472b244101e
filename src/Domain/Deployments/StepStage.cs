using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>The part of a deployment a step belongs to; it decides the status reported while the step runs.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<StepStage>))]
public enum StepStage
{
    Setup,
    Deploy,
    Gate,
    Swap,
    Rollback,
}
