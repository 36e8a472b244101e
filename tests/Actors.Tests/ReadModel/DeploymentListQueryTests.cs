using AmiOrchestrator.Actors.ReadModel;
using AmiOrchestrator.Actors.Tests.Builders;

namespace AmiOrchestrator.Actors.Tests.ReadModel;

public sealed class DeploymentListQueryTests
{
    private static readonly DateTimeOffset Monday = SampleLineages.Epoch.AddDays(4);

    [Fact]
    public void A_query_of_defaults_lists_the_newest_fifty_and_has_no_problem() =>
        Assert.Equal((50, 0), (new DeploymentListQuery().Limit, new DeploymentListQuery().Problems().Count));

    [Fact]
    public void Statuses_are_the_reported_names_in_any_case_and_an_unknown_one_is_named_with_the_accepted_ones()
    {
        var problems = new DeploymentListQuery { Statuses = ["Failed", "rollingback", "new", "done"] }.Problems();

        Assert.Equal(
            [
                new QueryProblem("status", "'new' is not one of queued, settingUp, deploying, awaitingApproval, swapping, succeeded, rollingBack, rolledBack, rollbackFailed, failed, aborted"),
                new QueryProblem("status", "'done' is not one of queued, settingUp, deploying, awaitingApproval, swapping, succeeded, rollingBack, rolledBack, rollbackFailed, failed, aborted"),
            ],
            problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public void A_limit_outside_one_to_five_hundred_is_refused(int limit) =>
        Assert.Equal([new QueryProblem("limit", $"must be between 1 and 500 (is {limit})")], new DeploymentListQuery { Limit = limit }.Problems());

    [Fact]
    public void A_time_range_that_ends_before_it_starts_and_blank_names_are_refused()
    {
        var problems = new DeploymentListQuery { Service = "", Lineage = "\t", SubmittedFrom = Monday, SubmittedBefore = Monday.AddSeconds(-1) }.Problems();

        Assert.Equal(["service", "lineage", "submittedBefore"], problems.Select(p => p.Field));
        Assert.Equal("2026-01-04T23:59:59.0000000+00:00 must be after submittedFrom 2026-01-05T00:00:00.0000000+00:00", problems[2].Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("MXwxMnw")]
    [InlineData("MnwxMnxhYmN8ZGVw")]
    [InlineData("MXx0ZW58YWJjfGRlcA")]
    public void Text_that_is_not_an_issued_cursor_is_refused_naming_the_cursor(string cursor) =>
        Assert.Equal(
            [new QueryProblem("cursor", "is not a cursor this API issued; list again without one")],
            new DeploymentListQuery { Cursor = cursor }.Problems());

    [Fact]
    public void A_cursor_is_valid_for_the_filters_it_was_issued_for_whatever_the_limit_or_the_order_and_case_of_statuses()
    {
        var issuedFor = new DeploymentListQuery { Statuses = ["failed", "aborted"], Service = "web", SubmittedFrom = Monday, Limit = 10 };
        var cursor = new DeploymentCursor(ReadModelTime.ToMicroseconds(Monday.AddHours(1)), "dep-7", issuedFor.FilterFingerprint()).Write();

        var sameFilters = issuedFor with { Statuses = ["Aborted", "failed"], Limit = 3, Cursor = cursor };
        var otherFilters = issuedFor with { Service = "api", Cursor = cursor };

        Assert.Empty(sameFilters.Problems());
        Assert.Equal(("dep-7", Monday.AddHours(1)), (sameFilters.Check().After!.DeploymentId, ReadModelTime.FromMicroseconds(sameFilters.Check().After!.SubmittedAtMicroseconds)));
        Assert.Equal(
            [new QueryProblem("cursor", "was issued for other filters (status, service, lineage or time range); list again without one")],
            otherFilters.Problems());
    }

    [Fact]
    public void Every_problem_of_a_query_is_reported_at_once()
    {
        var problems = new DeploymentListQuery { Statuses = ["x"], Service = " ", Lineage = " ", Limit = 0, Cursor = "?" }.Problems();

        Assert.Equal(["status", "service", "lineage", "limit", "cursor"], problems.Select(p => p.Field));
    }
}
