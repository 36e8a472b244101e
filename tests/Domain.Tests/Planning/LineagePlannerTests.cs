using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Planning;

public class LineagePlannerTests
{
    private static List<LineageMember> Members(params (int Revision, int Desired, bool Blue)[] groups) =>
        groups.Select(g => LineageTags.Recognize(SampleLineages.Member(g.Revision, g.Desired, blue: g.Blue), LineageTagMode.Ours, "web-prod")!).ToList();

    [Fact]
    public void Worked_case_revision_six_previous_five_four_downsized_one_deleted()
    {
        // Revisions 1..5: 5 has desired 4, 4 has desired 2, 1..3 are at 0; retainedOldAsgs 3.
        var members = Members((1, 0, false), (2, 0, false), (3, 0, false), (4, 2, false), (5, 4, false));

        var previous = LineagePlanner.ChoosePrevious(members, blueGreen: false);
        var cleanup = LineagePlanner.PlanCleanup(members, previous, blueGreen: false, retained: 3);

        Assert.Equal(6, LineagePlanner.NextRevision(members, highestRevisionEver: 0));
        Assert.Equal("web__prod__5", previous?.Name);
        Assert.Equal(["web__prod__4"], cleanup.Downsize);
        Assert.Equal(["web__prod__1"], cleanup.Delete);
        var atZeroAfterSetup = members.Select(m => m.Name).Except([previous!.Name]).Except(cleanup.Delete);
        Assert.Equal(["web__prod__4", "web__prod__3", "web__prod__2"], atZeroAfterSetup.OrderDescending(StringComparer.Ordinal));
    }

    [Fact]
    public void A_group_being_deleted_is_neither_previous_nor_cleaned_up_but_its_revision_stays_taken()
    {
        var deleting = LineageTags.Recognize(SampleLineages.Member(4, 0) with { Status = "Delete in progress" }, LineageTagMode.Ours, "web-prod")!;
        var members = Members((1, 0, false), (2, 0, false), (3, 2, false)).Append(deleting).ToList();

        var previous = LineagePlanner.ChoosePrevious(members, blueGreen: false);
        var cleanup = LineagePlanner.PlanCleanup(members, previous, blueGreen: false, retained: 0);

        Assert.True(deleting.IsBeingDeleted);
        Assert.Equal("web__prod__3", previous?.Name);
        Assert.Equal(5, LineagePlanner.NextRevision(members, highestRevisionEver: 0));
        Assert.DoesNotContain("web__prod__4", cleanup.Delete.Concat(cleanup.Downsize));
        Assert.Equal(["web__prod__2", "web__prod__1"], cleanup.Delete);
    }

    [Fact]
    public void ChoosePrevious_takes_the_newest_running_group_else_the_newest()
    {
        Assert.Equal("web__prod__2", LineagePlanner.ChoosePrevious(Members((1, 0, false), (2, 3, false), (3, 0, false)), false)?.Name);
        Assert.Equal("web__prod__3", LineagePlanner.ChoosePrevious(Members((1, 0, false), (2, 0, false), (3, 0, false)), false)?.Name);
        Assert.Null(LineagePlanner.ChoosePrevious([], false));
    }

    [Fact]
    public void ChoosePrevious_in_blue_green_takes_the_blue_group_even_if_a_newer_one_runs()
    {
        var members = Members((1, 2, true), (2, 4, false));

        Assert.Equal("web__prod__1", LineagePlanner.ChoosePrevious(members, blueGreen: true)?.Name);
        Assert.Equal("web__prod__2", LineagePlanner.ChoosePrevious(members, blueGreen: false)?.Name);
    }

    [Fact]
    public void NextRevision_never_restarts_below_the_highest_revision_ever_used()
    {
        Assert.Equal(1, LineagePlanner.NextRevision([], 0));
        Assert.Equal(10, LineagePlanner.NextRevision([], 9));
        Assert.Equal(10, LineagePlanner.NextRevision(Members((3, 1, false)), 9));
        Assert.Null(LineagePlanner.NextRevision([], int.MaxValue));
    }

    [Fact]
    public void PlanCleanup_drains_a_group_with_instances_even_when_it_is_to_be_deleted()
    {
        var members = Members((1, 2, false), (2, 0, false), (3, 3, false), (4, 4, false));
        var previous = LineagePlanner.ChoosePrevious(members, blueGreen: false);

        var cleanup = LineagePlanner.PlanCleanup(members, previous, blueGreen: false, retained: 1);

        Assert.Equal(["web__prod__3", "web__prod__1"], cleanup.Downsize);
        Assert.Equal(["web__prod__2", "web__prod__1"], cleanup.Delete);
    }

    [Fact]
    public void PlanCleanup_in_blue_green_never_touches_a_blue_group()
    {
        var members = Members((1, 2, true), (2, 2, true), (3, 1, false), (4, 3, true));
        var previous = LineagePlanner.ChoosePrevious(members, blueGreen: true);

        var cleanup = LineagePlanner.PlanCleanup(members, previous, blueGreen: true, retained: 0);

        Assert.Equal("web__prod__4", previous?.Name);
        Assert.Equal(["web__prod__3"], cleanup.Downsize);
        Assert.Equal(["web__prod__3"], cleanup.Delete);
    }
}
