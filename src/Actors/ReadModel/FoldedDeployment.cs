using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// A deployment as the projection has folded it: the state <see cref="Deployment.Evolve"/> gave after the event of
/// <see cref="SequenceNr"/>, plus the two things the state does not keep and the rows need: the sequence number of the
/// running step's start (the step's place in the timeline) and the phase of the last forward step started.
/// </summary>
internal sealed record FoldedDeployment(DeploymentState State, long SequenceNr, long? InFlightSince, int? Phase)
{
    public static FoldedDeployment Initial(string deploymentId) => new(DeploymentState.Initial(deploymentId), 0, null, null);

    /// <summary>The deployment after its next event (the one of <paramref name="sequenceNr"/>).</summary>
    public FoldedDeployment Then(IDeploymentEvent @event, long sequenceNr)
    {
        var after = Deployment.Evolve(State, @event);
        long? inFlightSince = after.InFlight is null ? null : after.InFlight == State.InFlight ? InFlightSince : sequenceNr;
        var phase = @event is StepStarted { Step.Stage: not StepStage.Rollback } started ? started.Step.Phase : Phase;
        return new FoldedDeployment(after, sequenceNr, inFlightSince, phase);
    }
}
