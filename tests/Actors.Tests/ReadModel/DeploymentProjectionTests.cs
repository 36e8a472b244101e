using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Domain.Deployments;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>The rows the projection derives from events, without a database.</summary>
public sealed class DeploymentProjectionTests
{
    private static readonly DateTimeOffset Monday = SampleLineages.Epoch.AddDays(4);

    [Fact]
    public void A_late_outcome_of_a_step_no_longer_running_changes_no_row_but_the_summarys_position()
    {
        var script = SampleDeployments.Basic("dep-1", "web", Monday);
        var folded = Fold(script.Events, out _);
        var late = new StepSucceeded(script.Events.OfType<StepStarted>().First().Step.Id, null, "again", Monday.AddDays(1));

        var rows = new RowChanges();
        DeploymentProjection.Apply(folded, late, folded.SequenceNr + 1, 999, rows);

        Assert.Empty(rows.Steps);
        Assert.Empty(rows.GroupChanges);
        var summary = Assert.Single(rows.Summaries);
        Assert.Equal((DeploymentStatus.Succeeded, folded.SequenceNr + 1, 999L), (summary.Status, summary.LastSequenceNr, summary.LastOffset));
    }

    [Fact]
    public void A_step_is_placed_by_the_sequence_number_of_its_start_even_when_it_ends_in_a_later_batch()
    {
        var script = SampleDeployments.RolledBack("dep-1", "web", Monday);
        var events = script.Events.ToList();
        var failedAt = events.FindIndex(e => e is StepFailed);

        var folded = Fold(events.Take(failedAt), out var before);
        var after = new RowChanges();
        DeploymentProjection.Apply(folded, events[failedAt], failedAt + 1, failedAt + 1, after);

        var started = before.Steps.Single(s => s.Step.StepId == ((StepFailed)events[failedAt]).StepId);
        var ended = after.Steps.Single(s => s.Step.StepId == started.Step.StepId);
        Assert.Equal((started.StartedSeq, StepOutcomeKind.Failed, "InsufficientInstanceCapacity"), (ended.StartedSeq, ended.Step.Outcome!.Value, ended.Step.FailureCode));
    }

    [Fact]
    public void A_later_fact_about_a_group_replaces_the_earlier_one_and_a_fact_it_lacks_leaves_the_earlier_standing()
    {
        var created = new GroupRow("web", new LineageGroup
        {
            Name = "web__prod__3", Revision = 3, CreatedBy = "dep-1", CreatedAt = Monday, MinSize = 0, DesiredCapacity = 0, MaxSize = 8,
            LastDeploymentId = "dep-1", LastRole = GroupRole.New, LastChangedAt = Monday,
        });
        var resized = new GroupRow("web", new LineageGroup
        {
            Name = "web__prod__3", MinSize = 1, DesiredCapacity = 4, LastDeploymentId = "dep-2", LastRole = GroupRole.Previous, LastChangedAt = Monday.AddDays(1),
        });

        var merged = created.Then(resized).Group;

        Assert.Equal(
            (3, "dep-1", Monday, 1, 4, 8, "dep-2", GroupRole.Previous, Monday.AddDays(1)),
            (merged.Revision!.Value, merged.CreatedBy, merged.CreatedAt!.Value, merged.MinSize!.Value, merged.DesiredCapacity!.Value, merged.MaxSize!.Value, merged.LastDeploymentId, merged.LastRole, merged.LastChangedAt));
    }

    private static FoldedDeployment Fold(IEnumerable<IDeploymentEvent> events, out RowChanges rows)
    {
        rows = new RowChanges();
        var folded = FoldedDeployment.Initial("dep-1");
        foreach (var @event in events)
            folded = DeploymentProjection.Apply(folded, @event, folded.SequenceNr + 1, folded.SequenceNr + 1, rows);
        return folded;
    }
}
