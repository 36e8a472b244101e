namespace AmiOrchestrator.Domain.Deployments;

/// <summary>Why a step failed, with the cloud's code and message where the cloud said no.</summary>
public sealed record StepFailure(StepFailureKind Kind, string Message, string? Code = null)
{
    public override string ToString() => Code is null ? $"{Kind}: {Message}" : $"{Kind}: {Code}: {Message}";
}
