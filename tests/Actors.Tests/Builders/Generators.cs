using System.Text;
using AmiOrchestrator.Actors.Deployments;
using AmiOrchestrator.Actors.Gateway;
using AmiOrchestrator.Actors.Serialization;
using AmiOrchestrator.Actors.Tests.ReadModel;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.Domain.Specs;
using FsCheck;
using FsCheck.Fluent;

namespace AmiOrchestrator.Actors.Tests.Builders;

/// <summary>
/// FsCheck generators for every type the engine serializes. Values with structure (plans, programs of steps,
/// inventories, states) come from whole runs of the pure deciders, so they are the values the engine really writes;
/// the free-text and time fields around them are fuzzed.
/// </summary>
internal static class Generators
{
    /// <summary>Text as operators and AWS write it, and as they should not but might: quotes, escapes, non-ASCII, emoji.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (3, Gen.Elements("", "ops", "web-prod", "dep-1", "a \"quoted\" reason", "back\\slash", "line\nbreak", "tab\there", "Zürich ☁", "🚀 rollout", "\u0000nul", "</script>")),
        (2, Gen.Choose(0, 40).SelectMany(length => ScalarValue.ArrayOf(length)).Select(runes => string.Concat(runes.Select(r => r.ToString())))));

    /// <summary>Any instant of this century, at any whole-minute UTC offset (the offset must survive the round trip too).</summary>
    public static Gen<DateTimeOffset> Time { get; } =
        from days in Gen.Choose(0, 36_500)
        from withinDay in Gen.Choose(0, int.MaxValue)
        from offsetMinutes in Gen.Choose(-14 * 60, 14 * 60)
        select new DateTimeOffset(new DateTime(2000, 1, 1).Ticks + days * TimeSpan.TicksPerDay + withinDay * 40L, TimeSpan.FromMinutes(offsetMinutes));

    public static Gen<DeploymentSpec> ValidSpec { get; } =
        from strategy in Gen.Elements(StrategyType.Basic, StrategyType.Canary, StrategyType.BlueGreen)
        from min in Gen.Choose(0, 4)
        from extra in Gen.Choose(0, 6)
        from headroom in Gen.Choose(0, 4)
        from sameAsRunning in Gen.Elements(false, true)
        from resize in Gen.Elements(ResizeStrategy.ResizeNewFirst, ResizeStrategy.DownsizeOldFirst)
        from percents in Gen.Choose(1, 99).ListOf().Select(l => l.Take(3).Distinct().Order().Append(100).ToArray())
        from gates in Gates.ArrayOf(4)
        from rollbackOnFailure in Gen.Elements(true, true, false)
        let desired = Math.Max(1, min + extra)
        select SampleSpecs.Basic() with
        {
            Infrastructure = strategy == StrategyType.BlueGreen ? SampleSpecs.BlueGreen().Infrastructure : SampleSpecs.Basic().Infrastructure,
            Capacity = sameAsRunning
                ? new CapacitySpec { Mode = CapacityMode.SameAsRunning, Fallback = new CapacityNumbers(min, desired, desired + headroom) }
                : SampleSpecs.Fixed(min, desired, desired + headroom),
            ResizeStrategy = resize,
            RollbackOnFailure = rollbackOnFailure,
            Strategy = new StrategySpec
            {
                Type = strategy,
                DownsizeOldAsg = strategy == StrategyType.BlueGreen ? true : null,
                Gates = strategy == StrategyType.Canary ? null : gates[0],
                Phases = strategy != StrategyType.Canary
                    ? ValueList<PhaseSpec>.Empty
                    : percents.Select((p, i) => new PhaseSpec { Percent = p, Gates = gates[i] }).ToValueList(),
            },
        };

    /// <summary>Whole deployments through the state machine, often failing or interrupted so that rollbacks happen.</summary>
    public static Gen<DeploymentRun> DeploymentRuns { get; } =
        from spec in ValidSpec
        from lineage in Lineage
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from failurePercent in Gen.Elements(0, 10, 30)
        from interruptPercent in Gen.Elements(0, 5, 10)
        select DeploymentRun.Play(spec, SampleLineages.Inventory(lineage, spec.Strategy.Type == StrategyType.BlueGreen), seed, failurePercent, interruptPercent);

    /// <summary>A lineage fed 0-40 random inputs from five deployments.</summary>
    public static Gen<LineageRun> LineageRuns { get; } =
        from inputs in LineageInputFor(Gen.Elements("dep-1", "dep-2", "dep-3", "dep-4", "dep-5")).ListOf()
        select new LineageRun("web-prod").FeedAll(inputs.Take(40));

    /// <summary>A generator for every type of <see cref="MessageManifests"/>, by type.</summary>
    public static IReadOnlyDictionary<Type, Gen<object>> ByType { get; } = new Dictionary<Type, Gen<object>>
    {
        [typeof(DeploymentSubmitted)] = Box(from id in Text from spec in ValidSpec from who in Text from at in Time select new DeploymentSubmitted(id, spec, who, at)),
        [typeof(DeploymentStarted)] = Box(from revision in Gen.Choose(0, int.MaxValue) from at in Time select new DeploymentStarted(revision, at)),
        [typeof(SetupPlanned)] = Box(DeploymentRuns.Where(r => r.Events.OfType<SetupPlanned>().Any()).Select(r => r.Events.OfType<SetupPlanned>().First())),
        [typeof(StepStarted)] = Box(from run in DeploymentRuns from started in Gen.Elements(run.Events.OfType<StepStarted>().ToArray()) select started),
        [typeof(StepSucceeded)] = Box(Gen.OneOf<StepSucceeded>(
            from run in DeploymentRuns.Where(r => r.Events.OfType<StepSucceeded>().Any())
            from succeeded in Gen.Elements(run.Events.OfType<StepSucceeded>().ToArray())
            select succeeded,
            from id in Text from detail in Text.OrNull() from at in Time select new StepSucceeded(id, null, detail, at))),
        [typeof(StepFailed)] = Box(from id in Text from failure in Failure from at in Time select new StepFailed(id, failure, at)),
        [typeof(InterruptRequested)] = Box(
            from kind in Gen.Elements(InterruptKind.Abort, InterruptKind.Rollback)
            from who in Text from reason in Text from cancelled in Text.OrNull() from at in Time
            select new InterruptRequested(kind, who, reason, cancelled, at)),
        [typeof(RollbackStarted)] = Box(
            from run in DeploymentRuns from attempt in Gen.Choose(1, 5) from reason in Text from at in Time
            select new RollbackStarted(attempt, reason, run.Events.OfType<StepStarted>().Select(s => s.Step).ToValueList(), at)),
        [typeof(RollbackRequested)] = Box(from who in Text from reason in Text from at in Time select new RollbackRequested(who, reason, at)),
        [typeof(RollbackDenied)] = Box(from reason in Text from at in Time select new RollbackDenied(reason, at)),
        [typeof(DeploymentSucceeded)] = Box(Time.Select(at => new DeploymentSucceeded(at))),
        [typeof(DeploymentFailed)] = Box(from reason in Text from problems in Problems from at in Time select new DeploymentFailed(reason, problems, at)),
        [typeof(DeploymentAborted)] = Box(from who in Text from reason in Text from at in Time select new DeploymentAborted(who, reason, at)),
        [typeof(DeploymentRolledBack)] = Box(Time.Select(at => new DeploymentRolledBack(at))),
        [typeof(RollbackFailed)] = Box(from reason in Text from at in Time select new RollbackFailed(reason, at)),

        [typeof(DeploymentAdmitted)] = Box(from id in Text from at in Time select new DeploymentAdmitted(id, at)),
        [typeof(LineageTaken)] = Box(from id in Text from at in Time select new LineageTaken(id, at)),
        [typeof(LineageGivenBack)] = Box(from id in Text from revision in Gen.Choose(0, int.MaxValue) from at in Time select new LineageGivenBack(id, revision, at)),

        [typeof(DeploymentState)] = Box(from run in DeploymentRuns from state in Gen.Elements(run.States.ToArray()) select state),
        [typeof(LineageState)] = Box(from run in LineageRuns from state in Gen.Elements(run.States.ToArray()) select state),
        [typeof(DeploymentView)] = Box(
            from run in DeploymentRuns from state in Gen.Elements(run.States.ToArray()) from version in Gen.Choose(0, int.MaxValue) from position in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(1, 20).Select(p => (int?)p)))
            select DeploymentView.Of(state, version, position)),
        [typeof(DeploymentProtocol.GetView)] = Box(Gen.Constant(new DeploymentProtocol.GetView())),
        [typeof(GatewayProtocol.Submit)] = Box(
            from id in Text from who in Text from spec in ValidSpec from asText in Gen.Elements(true, false)
            select asText ? new GatewayProtocol.Submit(id, who, SpecJson: System.Text.Json.JsonSerializer.Serialize(spec, DomainJson.Options)) : new GatewayProtocol.Submit(id, who, Spec: spec)),
        [typeof(GatewayProtocol.Rollback)] = Box(from id in Text from who in Text from reason in Text select new GatewayProtocol.Rollback(id, who, reason)),
        [typeof(GatewayProtocol.Abort)] = Box(from id in Text from who in Text from reason in Text select new GatewayProtocol.Abort(id, who, reason)),
        [typeof(GatewayProtocol.Approve)] = Box(from id in Text from who in Text from gate in Text.OrNull() select new GatewayProtocol.Approve(id, who, gate)),
        [typeof(GatewayProtocol.Reject)] = Box(from id in Text from who in Text from reason in Text from gate in Text.OrNull() select new GatewayProtocol.Reject(id, who, reason, gate)),
        [typeof(GatewayProtocol.Accepted)] = Box(
            from id in Text from status in Gen.Elements(Enum.GetValues<DeploymentStatus>()) from message in Text from position in Gen.Choose(1, 20)
            select new GatewayProtocol.Accepted(id, status, message, position)),
        [typeof(GatewayProtocol.Rejected)] = Box(
            from id in Text from reason in Text from problems in Problems from retryable in Gen.Elements(true, false)
            select new GatewayProtocol.Rejected(id, reason, problems, retryable)),
        [typeof(QueryProtocol.Get)] = Box(Text.Select(id => new QueryProtocol.Get(id))),
        [typeof(QueryProtocol.Watch)] = Box(Text.Select(id => new QueryProtocol.Watch(id))),
        [typeof(QueryProtocol.Unwatch)] = Box(Text.Select(id => new QueryProtocol.Unwatch(id))),
        [typeof(QueryProtocol.NotFound)] = Box(from id in Text from message in Text select new QueryProtocol.NotFound(id, message)),
        [typeof(DeploymentProtocol.Watch)] = Box(Gen.Constant(new DeploymentProtocol.Watch())),
        [typeof(DeploymentProtocol.Unwatch)] = Box(Gen.Constant(new DeploymentProtocol.Unwatch())),

        [typeof(DeploymentInput.Submit)] = Box(from id in Text from spec in ValidSpec from who in Text from at in Time select new DeploymentInput.Submit(id, spec, who, at)),
        [typeof(DeploymentInput.LineageGranted)] = Box(from id in Text from revision in Gen.Choose(0, int.MaxValue) from at in Time select new DeploymentInput.LineageGranted(id, revision, at)),
        [typeof(DeploymentInput.LineageDenied)] = Box(from reason in Text from at in Time select new DeploymentInput.LineageDenied(reason, at)),
        [typeof(DeploymentInput.StepOutcome)] = Box(Gen.OneOf<DeploymentInput.StepOutcome>(
            from run in DeploymentRuns.Where(r => r.Inputs.OfType<DeploymentInput.StepOutcome>().Any())
            from outcome in Gen.Elements(run.Inputs.OfType<DeploymentInput.StepOutcome>().ToArray())
            select outcome,
            from id in Text from failure in Failure from at in Time select DeploymentInput.StepOutcome.Failed(id, failure, at))),
        [typeof(DeploymentInput.Approve)] = Box(from who in Text from at in Time from gate in Text.OrNull() select new DeploymentInput.Approve(who, at, gate)),
        [typeof(DeploymentInput.Reject)] = Box(from who in Text from reason in Text from at in Time from gate in Text.OrNull() select new DeploymentInput.Reject(who, reason, at, gate)),
        [typeof(DeploymentInput.RequestRollback)] = Box(from who in Text from reason in Text from at in Time select new DeploymentInput.RequestRollback(who, reason, at)),
        [typeof(DeploymentInput.Abort)] = Box(from who in Text from reason in Text from at in Time select new DeploymentInput.Abort(who, reason, at)),
        [typeof(DeploymentInput.Recover)] = Box(Time.Select(at => new DeploymentInput.Recover(at))),
        [typeof(CommandReply)] = Box(
            from id in Text from accepted in Gen.Elements(true, false) from status in Gen.Elements(Enum.GetValues<DeploymentStatus>())
            from message in Text from problems in Problems
            select new CommandReply(id, accepted, status, message, problems)),

        [typeof(LineageInput.Admit)] = Box(from id in Text from at in Time select new LineageInput.Admit(id, at)),
        [typeof(LineageInput.AskForTurn)] = Box(from id in Text from at in Time select new LineageInput.AskForTurn(id, at)),
        [typeof(LineageInput.AskForRollbackTurn)] = Box(from id in Text from at in Time select new LineageInput.AskForRollbackTurn(id, at)),
        [typeof(LineageInput.GiveBack)] = Box(from id in Text from revision in Gen.Choose(0, int.MaxValue) from at in Time select new LineageInput.GiveBack(id, revision, at)),
        [typeof(LineageEffect.GrantTurn)] = Box(from id in Text from lineage in Text from revision in Gen.Choose(0, int.MaxValue) select new LineageEffect.GrantTurn(id, lineage, revision)),
        [typeof(LineageEffect.RefuseTurn)] = Box(from id in Text from reason in Text select new LineageEffect.RefuseTurn(id, reason)),
        [typeof(LineageEffect.QueuePosition)] = Box(from id in Text from position in Gen.Choose(0, 20) from running in Text.OrNull() select new LineageEffect.QueuePosition(id, position, running)),
        [typeof(LineageEffect.Released)] = Box(from id in Text select new LineageEffect.Released(id)),
    }.Concat(ReadModelGenerators.ByType).ToDictionary();

    /// <summary>Every Unicode scalar value is fair game except surrogates, which no JSON text can carry unpaired.</summary>
    private static Gen<Rune> ScalarValue => Gen.Frequency(
        (6, Gen.Choose(0x20, 0x7E)),
        (1, Gen.Choose(0, 0x1F)),
        (2, Gen.Choose(0x80, 0xD7FF)),
        (1, Gen.Choose(0xE000, 0x10FFFF))).Select(value => new Rune(value));

    private static Gen<GatesSpec?> Gates => Gen.Frequency(
        (6, Gen.Constant<GatesSpec?>(null)),
        (1, Gen.Constant<GatesSpec?>(new GatesSpec { BakeTime = Duration.FromMinutes(5), Alarms = ["errors"] })),
        (1, Gen.Constant<GatesSpec?>(new GatesSpec { ManualApproval = true })),
        (1, Gen.Constant<GatesSpec?>(new GatesSpec { HttpCheck = new HttpCheckSpec { Url = "https://web.example.com/health" }, ManualApproval = true, ApprovalTimeout = Duration.FromHours(1) })));

    /// <summary>0-5 lineage groups of random sizes (some BLUE), created in revision order.</summary>
    private static Gen<AsgDescription[]> Lineage =>
        from count in Gen.Choose(0, 5)
        from desired in Gen.Choose(0, 6).ArrayOf(count)
        from blue in Gen.Elements(false, false, true).ArrayOf(count)
        select desired.Select((d, i) => SampleLineages.Member(i + 1, d, blue[i])).ToArray();

    private static Gen<StepFailure> Failure =>
        from kind in Gen.Elements(Enum.GetValues<StepFailureKind>())
        from message in Text
        from code in Text.OrNull()
        select new StepFailure(kind, message, code);

    private static Gen<ValueList<SpecProblem>> Problems =>
        (from path in Text from message in Text select new SpecProblem(path, message)).ListOf().Select(l => l.Take(4).ToValueList());

    private static Gen<LineageInput> LineageInputFor(Gen<string> deploymentIds) =>
        from id in deploymentIds
        from kind in Gen.Choose(0, 3)
        from revision in Gen.Choose(0, 9)
        from at in Time
        select kind switch
        {
            0 => (LineageInput)new LineageInput.Admit(id, at),
            1 => new LineageInput.AskForTurn(id, at),
            2 => new LineageInput.AskForRollbackTurn(id, at),
            _ => new LineageInput.GiveBack(id, revision, at),
        };

    private static Gen<string?> OrNull(this Gen<string> text) => Gen.Frequency((1, Gen.Constant<string?>(null)), (3, text.Select(t => (string?)t)));

    private static Gen<object> Box<T>(Gen<T> gen) where T : notnull => gen.Select(value => (object)value);
}
