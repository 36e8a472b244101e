using Akka.Persistence.Journal;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;

namespace AmiOrchestrator.Actors.Persistence;

/// <summary>
/// Tags every event as it is written, so that read-side projections can follow all deployments or all lineages
/// through Akka.Persistence.Query's <c>EventsByTag</c> without knowing their persistence ids.
/// </summary>
internal sealed class JournalTagger : IWriteEventAdapter
{
    public const string DeploymentTag = "deployment";

    public const string LineageTag = "lineage";

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt switch
    {
        IDeploymentEvent => new Tagged(evt, [DeploymentTag]),
        ILineageEvent => new Tagged(evt, [LineageTag]),
        _ => evt,
    };
}
