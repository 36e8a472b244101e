using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Steps.Waits;

/// <summary>What one observation says about a wait: done, not yet (and why, for the operator), or failed for good.</summary>
public abstract record WaitVerdict
{
    public sealed record Done(string Detail) : WaitVerdict;

    public sealed record NotYet(string Reason) : WaitVerdict;

    public sealed record Failed(StepFailure Failure) : WaitVerdict;
}
