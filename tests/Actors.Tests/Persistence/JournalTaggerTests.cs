using Akka.Persistence.Journal;
using AmiOrchestrator.Actors.Persistence;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;

namespace AmiOrchestrator.Actors.Tests.Persistence;

public sealed class JournalTaggerTests
{
    private readonly JournalTagger tagger = new();

    [Fact]
    public void Deployment_events_are_tagged_deployment()
    {
        var started = new DeploymentStarted(2, DateTimeOffset.UnixEpoch);

        var tagged = Assert.IsType<Tagged>(tagger.ToJournal(started));

        Assert.Equal(["deployment"], tagged.Tags);
        Assert.Same(started, tagged.Payload);
    }

    [Fact]
    public void Lineage_events_are_tagged_lineage()
    {
        var taken = new LineageTaken("dep-1", DateTimeOffset.UnixEpoch);

        Assert.Equal(["lineage"], Assert.IsType<Tagged>(tagger.ToJournal(taken)).Tags);
    }

    [Fact]
    public void Anything_else_is_written_untagged() =>
        Assert.Equal("a snapshot of something", tagger.ToJournal("a snapshot of something"));
}
