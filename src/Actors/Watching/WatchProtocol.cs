using Akka.Actor;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Steps.Waits;

namespace AmiOrchestrator.Actors.Watching;

/// <summary>The messages between waits and the node's watchers. They never leave the node, so they carry actor references freely.</summary>
internal static class WatchProtocol
{
    /// <summary>
    /// Watch what <paramref name="Requirement"/> names in <paramref name="Target"/>'s account and region, for
    /// <paramref name="Subscriber"/>. <paramref name="Promptly"/> asks for a first observation without waiting for the
    /// next periodic poll: a wait resumed after a restart may have been satisfied for as long as the node was down.
    /// </summary>
    public sealed record Subscribe(CloudTarget Target, WaitRequirement Requirement, IActorRef Subscriber, bool Promptly = false);

    /// <summary>Stop watching for the subscriber (a repeat, or one for a subscriber never seen, changes nothing).</summary>
    public sealed record Unsubscribe(CloudTarget Target, IActorRef Subscriber);

    /// <summary>What one poll saw of the subscriber's group and load balancers.</summary>
    public sealed record Observed(GroupObservation Observation);
}
