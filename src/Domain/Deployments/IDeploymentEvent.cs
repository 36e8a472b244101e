namespace AmiOrchestrator.Domain.Deployments;

/// <summary>
/// Marks the events of a deployment's journal. Events are forever: the serializer and the journal tagger bind to
/// this marker, and each event type is written under its own versioned manifest, never its CLR name.
/// </summary>
public interface IDeploymentEvent
{
    DateTimeOffset At { get; }
}
