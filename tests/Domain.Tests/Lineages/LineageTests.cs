using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.Domain.Tests.Builders;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AmiOrchestrator.Domain.Tests.Lineages;

public class LineageTests
{
    private static readonly DateTimeOffset At = SampleLineages.Epoch;

    private sealed class Driver
    {
        public LineageState State { get; private set; } = LineageState.Initial("web-prod");

        public List<ILineageEvent> Events { get; } = [];

        public IReadOnlyList<LineageEffect> Feed(LineageInput input)
        {
            var (events, effects) = Lineage.Decide(State, input);
            State = events.Aggregate(State, Lineage.Evolve);
            Events.AddRange(events);
            return effects;
        }

        public IReadOnlyList<LineageEffect> Ask(string id) => Feed(new LineageInput.AskForTurn(id, At));

        public IReadOnlyList<LineageEffect> GiveBack(string id, int revision = 0) => Feed(new LineageInput.GiveBack(id, revision, At));
    }

    [Fact]
    public void The_first_deployment_goes_at_once_and_the_next_waits_in_order()
    {
        var lineage = new Driver();

        Assert.Equal([new LineageEffect.GrantTurn("a", "web-prod", 0)], lineage.Ask("a"));
        Assert.Equal([new LineageEffect.QueuePosition("b", 1, "a")], lineage.Ask("b"));
        Assert.Equal([new LineageEffect.QueuePosition("c", 2, "a")], lineage.Ask("c"));

        Assert.Equal([new LineageEffect.Released("a"), new LineageEffect.GrantTurn("b", "web-prod", 6)], lineage.GiveBack("a", revision: 6));
        Assert.Equal(["c"], lineage.State.Waiting);
    }

    [Fact]
    public void Asking_again_changes_nothing()
    {
        var lineage = new Driver();
        lineage.Ask("a");
        lineage.Ask("b");
        var events = lineage.Events.Count;

        Assert.Equal([new LineageEffect.GrantTurn("a", "web-prod", 0)], lineage.Ask("a"));
        Assert.Equal([new LineageEffect.QueuePosition("b", 1, "a")], lineage.Ask("b"));
        Assert.Equal([new LineageEffect.Released("zzz")], lineage.GiveBack("zzz"));
        Assert.Equal(events, lineage.Events.Count);
    }

    [Fact]
    public void The_twenty_first_waiting_deployment_is_refused_with_the_running_ones_id()
    {
        var lineage = new Driver();
        lineage.Ask("running");
        for (var i = 0; i < Lineage.MaxWaiting; i++)
            lineage.Ask($"w{i}");
        var events = lineage.Events.Count;

        var refused = Assert.IsType<LineageEffect.RefuseTurn>(Assert.Single(lineage.Ask("one-too-many")));

        Assert.Contains("running", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(events, lineage.Events.Count);
    }

    [Fact]
    public void A_deployment_cancelled_while_waiting_leaves_the_queue()
    {
        var lineage = new Driver();
        lineage.Ask("a");
        lineage.Ask("b");
        lineage.Ask("c");

        Assert.Equal([new LineageEffect.Released("b")], lineage.GiveBack("b"));
        Assert.Equal([new LineageEffect.Released("a"), new LineageEffect.GrantTurn("c", "web-prod", 0)], lineage.GiveBack("a"));
    }

    [Fact]
    public void The_highest_revision_is_remembered_after_every_group_is_gone()
    {
        var lineage = new Driver();
        lineage.Ask("a");
        lineage.GiveBack("a", revision: 9);
        lineage.Ask("b");
        lineage.GiveBack("b", revision: 4);

        Assert.Equal([new LineageEffect.GrantTurn("c", "web-prod", 9)], lineage.Ask("c"));
    }

    [Fact]
    public void Only_the_last_deployment_that_ran_may_take_the_lineage_back_to_roll_back()
    {
        var lineage = new Driver();
        lineage.Ask("a");
        lineage.GiveBack("a");
        lineage.Ask("b");

        Assert.Contains("b has run", Assert.IsType<LineageEffect.RefuseTurn>(Assert.Single(lineage.Feed(new LineageInput.AskForRollbackTurn("a", At)))).Reason, StringComparison.Ordinal);
        lineage.GiveBack("b");
        Assert.Equal([new LineageEffect.GrantTurn("b", "web-prod", 0)], lineage.Feed(new LineageInput.AskForRollbackTurn("b", At)));
        Assert.Equal("b", lineage.State.Running);
    }

    [Fact]
    public void A_late_repeat_from_the_deployment_that_ran_last_is_refused()
    {
        var lineage = new Driver();
        lineage.Ask("a");
        lineage.GiveBack("a");

        var effects = lineage.Ask("a");

        Assert.Contains("already had its turn", Assert.IsType<LineageEffect.RefuseTurn>(Assert.Single(effects)).Reason, StringComparison.Ordinal);
        Assert.Equal([new LineageEffect.GrantTurn("a", "web-prod", 0)], lineage.Feed(new LineageInput.AskForRollbackTurn("a", At)));
    }

    [Fact]
    public void Admission_reserves_a_place_but_never_grants_the_turn_until_the_deployment_asks()
    {
        var lineage = new Driver();

        Assert.Equal([new LineageEffect.QueuePosition("a", 1, null)], lineage.Feed(new LineageInput.Admit("a", At)));
        Assert.Null(lineage.State.Running);
        Assert.Equal([new LineageEffect.QueuePosition("a", 1, null)], lineage.Feed(new LineageInput.Admit("a", At)));
        Assert.Single(lineage.Events);

        Assert.Equal([new LineageEffect.GrantTurn("a", "web-prod", 0)], lineage.Ask("a"));
        Assert.Equal("a", lineage.State.Running);
    }

    [Fact]
    public void Admission_to_a_full_queue_is_refused_naming_the_running_deployment_and_records_nothing()
    {
        var lineage = new Driver();
        lineage.Ask("running");
        for (var i = 0; i < Lineage.MaxWaiting; i++)
            lineage.Feed(new LineageInput.Admit($"w{i}", At));
        var events = lineage.Events.Count;

        var refused = Assert.IsType<LineageEffect.RefuseTurn>(Assert.Single(lineage.Feed(new LineageInput.Admit("one-too-many", At))));

        Assert.Contains("where running is running", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(events, lineage.Events.Count);
        Assert.Equal([new LineageEffect.QueuePosition("w3", 4, "running")], lineage.Feed(new LineageInput.Admit("w3", At)));
    }

    [Fact]
    public void An_admitted_deployment_that_never_asked_is_granted_in_its_turn_so_its_release_frees_the_lineage()
    {
        // The gateway admitted "ghost" and crashed before the deployment was recorded: it stays first in the queue,
        // and when "b" asks, the grant goes to "ghost" (whose unrecorded deployment gives it straight back).
        var lineage = new Driver();
        lineage.Feed(new LineageInput.Admit("ghost", At));

        Assert.Equal(
            [new LineageEffect.GrantTurn("ghost", "web-prod", 0), new LineageEffect.QueuePosition("b", 1, "ghost")],
            lineage.Ask("b"));
        Assert.Equal([new LineageEffect.Released("ghost"), new LineageEffect.GrantTurn("b", "web-prod", 0)], lineage.GiveBack("ghost"));
    }

    [Property(MaxTest = 300)]
    public Property At_most_one_deployment_runs_and_turns_are_granted_first_come_first_served() =>
        Prop.ForAll(Gen.Choose(0, 12).ListOf().ToArbitrary(), script =>
        {
            var lineage = new Driver();
            var invariantsHold = true;
            foreach (var move in script)
            {
                // 0-2: the running deployment gives the lineage back; 3-9: deployment d<n> asks (again, perhaps);
                // 10-12: the gateway admits d4-d6 before they are recorded.
                if (move < 3)
                    lineage.GiveBack(lineage.State.Running ?? "nobody", move);
                else if (move < 10)
                    lineage.Ask($"d{move}");
                else
                    lineage.Feed(new LineageInput.Admit($"d{move - 6}", At));
                invariantsHold &= lineage.State.Running is null || !lineage.State.Waiting.Contains(lineage.State.Running);
                invariantsHold &= lineage.State.Waiting.Distinct().Count() == lineage.State.Waiting.Count;
                invariantsHold &= Lineage.Replay("web-prod", lineage.Events) == lineage.State;
            }
            var admitted = lineage.Events.OfType<DeploymentAdmitted>().Select(e => e.DeploymentId).ToList();
            var taken = lineage.Events.OfType<LineageTaken>().Select(e => e.DeploymentId).ToList();
            return (invariantsHold && taken.SequenceEqual(admitted.Take(taken.Count)))
                .Label($"admitted {string.Join(",", admitted)}; taken {string.Join(",", taken)}");
        });
}
