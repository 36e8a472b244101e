using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Domain.Common;
using FsCheck;
using FsCheck.Fluent;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

/// <summary>
/// Generators for the read model's messages (part of <see cref="Generators.ByType"/>). Summaries, timelines and lineage
/// groups are the rows the projection derives from whole random runs of the state machine; queries and problems are fuzzed.
/// </summary>
internal static class ReadModelGenerators
{
    public static IReadOnlyDictionary<Type, Gen<object>> ByType => new Dictionary<Type, Gen<object>>
    {
        [typeof(ReadModelProtocol.ListDeployments)] = Box(Query.Select(q => new ReadModelProtocol.ListDeployments(q))),
        [typeof(DeploymentListResult)] = Box(Gen.OneOf(
            from summaries in Projected.Select(r => r.Summaries.ToValueList()) from cursor in OrNull(Generators.Text) select DeploymentListResult.Of(new DeploymentPage(summaries, cursor)),
            Problems.Select(DeploymentListResult.Refused))),
        [typeof(ReadModelProtocol.GetDeployment)] = Box(Generators.Text.Select(id => new ReadModelProtocol.GetDeployment(id))),
        [typeof(ReadModelProtocol.DeploymentFound)] = Box(
            from id in Generators.Text
            from found in Gen.Elements(true, false)
            from detail in Detail
            select new ReadModelProtocol.DeploymentFound(id, found ? detail : null)),
        [typeof(ReadModelProtocol.GetLineage)] = Box(Generators.Text.Select(id => new ReadModelProtocol.GetLineage(id))),
        [typeof(LineageHistory)] = Box(from id in Generators.Text from rows in Projected select new LineageHistory(id, Groups(rows))),
        [typeof(ReadModelProtocol.GetProjectionStatus)] = Gen.Constant<object>(ReadModelProtocol.GetProjectionStatus.Instance),
        [typeof(ProjectionStatus)] = Box(
            from projected in Gen.Choose(0, int.MaxValue)
            from ahead in Gen.Choose(0, 10_000)
            from behind in Gen.Choose(0, 86_400_000)
            from committed in Generators.Time
            from everCommitted in Gen.Elements(true, false)
            select new ProjectionStatus
            {
                SchemaVersion = 1,
                ProjectedOffset = projected,
                HeadOffset = (long)projected + ahead,
                TimeBehind = TimeSpan.FromMilliseconds(behind),
                LastCommittedAt = everCommitted ? committed : null,
            }),
        [typeof(ReadModelProtocol.Rebuild)] = Box(Generators.Text.Select(by => new ReadModelProtocol.Rebuild(by))),
        [typeof(ReadModelProtocol.RebuildStarted)] = Box(Gen.Choose(0, int.MaxValue).Select(head => new ReadModelProtocol.RebuildStarted(head))),
    };

    /// <summary>The rows of one whole random deployment, folded event by event as the projection folds them.</summary>
    private static Gen<RowChanges> Projected => Generators.DeploymentRuns.Select(run =>
    {
        var rows = new RowChanges();
        var deployment = FoldedDeployment.Initial(run.State.DeploymentId);
        var sequenceNr = 0L;
        foreach (var @event in run.Events)
        {
            sequenceNr++;
            deployment = DeploymentProjection.Apply(deployment, @event, sequenceNr, sequenceNr * 3, rows);
        }
        return rows;
    });

    private static Gen<DeploymentDetail> Detail =>
        from rows in Projected.Where(r => r.Summaries.Count == 1)
        select new DeploymentDetail(
            rows.Summaries.Single(),
            rows.Steps.OrderBy(s => s.StartedSeq).Select(s => s.Step).ToValueList(),
            rows.Warnings.Select(w => w.Text).ToValueList());

    private static Gen<DeploymentListQuery> Query =>
        from statuses in Generators.Text.ListOf()
        from service in OrNull(Generators.Text)
        from lineage in OrNull(Generators.Text)
        from start in Generators.Time
        from end in Generators.Time
        from bounded in Gen.Elements(true, false)
        from limit in Gen.Choose(-5, 1000)
        from cursor in OrNull(Generators.Text)
        select new DeploymentListQuery
        {
            Statuses = statuses.Take(3).ToValueList(),
            Service = service,
            Lineage = lineage,
            SubmittedFrom = bounded ? start : null,
            SubmittedBefore = bounded ? end : null,
            Limit = limit,
            Cursor = cursor,
        };

    private static Gen<ValueList<QueryProblem>> Problems =>
        (from name in Generators.Text from message in Generators.Text select new QueryProblem(name, message)).ListOf().Select(l => l.Take(4).ToValueList());

    private static ValueList<LineageGroup> Groups(RowChanges rows) =>
        rows.Groups
            .Select(g => g.Group with { Changes = rows.GroupChanges.Where(c => c.GroupName == g.Group.Name).Select(c => c.Change).ToValueList() })
            .ToValueList();

    private static Gen<string?> OrNull(Gen<string> text) => Gen.Frequency((1, Gen.Constant<string?>(null)), (3, text.Select(t => (string?)t)));

    private static Gen<object> Box<T>(Gen<T> gen) where T : notnull => gen.Select(value => (object)value);
}
