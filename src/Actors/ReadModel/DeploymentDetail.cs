using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>One deployment with its step timeline (in the order the steps started) and its warnings (in the order they arose).</summary>
public sealed record DeploymentDetail(DeploymentSummary Summary, ValueList<StepRecord> Steps, ValueList<string> Warnings);
