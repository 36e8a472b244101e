using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Steps;

/// <summary>
/// A started step with what running it needs from its deployment: the id (owner tag, client tokens), the spec
/// (account, region, lineage tag mode) and the highest revision the lineage ever used (discovery checks that the
/// next name is free).
/// </summary>
public sealed record StepRequest(string DeploymentId, DeploymentSpec Spec, int HighestRevisionEver, StepStarted Started)
{
    public static StepRequest From(DeploymentState state, StepStarted started) =>
        new(state.DeploymentId, state.Spec ?? throw new ArgumentException("a deployment runs steps only once it has a spec", nameof(state)), state.HighestRevisionEver, started);

    public PlannedStep Step => Started.Step;
}
