using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Steps;

/// <summary>
/// Ends a step with a failure no retry can change (a name taken by another group, an image that does not exist). Thrown
/// inside the executor only, and turned into the step's outcome at its edge.
/// </summary>
internal sealed class StepFailureException(StepFailure failure) : Exception(failure.ToString())
{
    public StepFailure Failure { get; } = failure;

    public static StepFailureException NonRetryable(string message, string? code = null) =>
        new(new StepFailure(StepFailureKind.NonRetryable, message, code));
}
