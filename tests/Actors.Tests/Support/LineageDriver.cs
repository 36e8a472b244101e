using Akka.Cluster.Sharding;
using Akka.TestKit;
using AmiOrchestrator.Actors.Hosting;
using AmiOrchestrator.Actors.Lineages;
using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Actors.Tests.Support;

/// <summary>
/// Sends inputs to a lineage through a node's shard region and checks that every effect the pure decider
/// (<see cref="Model"/>, fed the same inputs) asks for arrives where it belongs: positions and an admission's refusal
/// at the asker, grants and refusals at the deployment region (a probe registered under <see cref="DeploymentRegion"/>).
/// </summary>
internal sealed class LineageDriver
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly EngineNode node;
    private readonly TimeProvider clock;

    public LineageDriver(EngineNode node, LineageRun model, TimeProvider clock)
    {
        this.node = node;
        this.clock = clock;
        Model = model;
        Deployments = node.Kit.CreateTestProbe("deployments");
        Asker = node.Kit.CreateTestProbe("asker");
        // In place of the node's own deployment region: lineage entities look it up when they start, so what they
        // send deployments arrives here.
        node.Registry.Register<DeploymentRegion>(Deployments.Ref, overwrite: true);
    }

    public LineageRun Model { get; }

    public TestProbe Deployments { get; }

    public TestProbe Asker { get; }

    public string LineageId => Model.State.LineageId;

    public void Send(LineageInput input)
    {
        var effects = Model.Feed(input);
        node.Lineages.Tell(new ShardingEnvelope(LineageId, input), Asker.Ref);
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case LineageEffect.QueuePosition:
                case LineageEffect.Released:
                case LineageEffect.RefuseTurn when input is LineageInput.Admit:
                    Asker.ExpectMsg<LineageEffect>(answer => Assert.Equal(effect, answer), Patience);
                    break;
                case LineageEffect.GrantTurn grant:
                    ExpectAtDeployment(grant.DeploymentId, new DeploymentInput.LineageGranted(grant.LineageId, grant.HighestRevisionEver, clock.GetUtcNow()));
                    break;
                case LineageEffect.RefuseTurn refusal:
                    ExpectAtDeployment(refusal.DeploymentId, new DeploymentInput.LineageDenied(refusal.Reason, clock.GetUtcNow()));
                    break;
                default:
                    throw new InvalidOperationException($"the driver does not know where {effect} goes");
            }
        }
    }

    public void SendAll(IEnumerable<LineageInput> inputs)
    {
        foreach (var input in inputs)
            Send(input);
    }

    /// <summary>
    /// Waits until the journal holds every event the model recorded: an input with no effect (a give-back with nobody
    /// waiting) shows nowhere else that it was handled.
    /// </summary>
    public Task JournalCaughtUpAsync() =>
        Poll.UntilAsync(
            () =>
            {
                var reader = node.Kit.CreateTestProbe();
                node.System.ActorOf(JournalReader.Props(LineageActor.PersistenceIdOf(LineageId), reader.Ref, fromSnapshot: false));
                return reader.ExpectMsg<JournalReader.Recovered>(Patience).Events.Count == Model.Events.Count;
            },
            because: $"the journal of lineage {LineageId} holds the model's {Model.Events.Count} events");

    /// <summary>Nothing arrived that the model did not ask for.</summary>
    public void AssertNothingMore()
    {
        Asker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Deployments.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private void ExpectAtDeployment(string deploymentId, DeploymentInput expected) =>
        Deployments.ExpectMsg<ShardingEnvelope>(
            envelope =>
            {
                Assert.Equal(deploymentId, envelope.EntityId);
                Assert.Equal(expected, envelope.Message);
            },
            Patience);
}
