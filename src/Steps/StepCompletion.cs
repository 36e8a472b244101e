using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Steps;

/// <summary>How a step ended well: what it observed that later decisions need, and a line for the operator.</summary>
internal sealed record StepCompletion(string Detail, StepResult? Result = null);
