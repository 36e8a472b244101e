using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// The ways a step ends badly: retryable errors that kept coming until the deadline, an error no retry can fix,
/// a wait whose deadline passed, an approval rejected, or a gate check that failed.
/// </summary>
[JsonConverter(typeof(CamelCaseEnumConverter<StepFailureKind>))]
public enum StepFailureKind
{
    RetriesExhausted,
    NonRetryable,
    DeadlinePassed,
    Rejected,
    CheckFailed,
}
