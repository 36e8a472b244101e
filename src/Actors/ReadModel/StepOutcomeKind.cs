using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>How a step of the timeline ended; a step still running has none.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<StepOutcomeKind>))]
public enum StepOutcomeKind
{
    Succeeded,

    /// <summary>Failed; for a tolerated step (setup's clean-up) the failure is only a warning on the deployment.</summary>
    Failed,

    /// <summary>Stopped by an abort or rollback request before it ended (waits and gates stop at once).</summary>
    Cancelled,
}
