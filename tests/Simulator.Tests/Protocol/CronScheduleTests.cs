using AmiOrchestrator.Simulator.AutoScaling.Scheduling;

namespace AmiOrchestrator.Simulator.Tests.Protocol;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 10, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("*/20 * * * *", "2026-11-30T10:20:00Z")]
    [InlineData("0 9-17/4 * * *", "2026-11-30T13:00:00Z")]
    [InlineData("30 6 * * MON-FRI", "2026-12-01T06:30:00Z")]
    [InlineData("0 0 1 JAN *", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2028-02-29T00:00:00Z")]
    [InlineData("0 12 * * 7", "2026-12-06T12:00:00Z")]
    [InlineData("15 10 * * *", "2026-12-01T10:15:00Z")]
    public void The_next_occurrence_is_the_first_matching_minute_strictly_after(string expression, string expected)
    {
        var next = CronSchedule.TryParse(expression)!.Next(Monday, TimeZoneInfo.Utc);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void When_both_day_fields_are_restricted_either_one_matching_runs()
    {
        // The 1st of the month or any Friday: Tuesday 1 December comes before Friday 4 December.
        var next = CronSchedule.TryParse("0 0 1 * FRI")!.Next(Monday, TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Occurrences_follow_the_time_zone_and_a_time_skipped_by_daylight_saving_does_not_run()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var winter = CronSchedule.TryParse("0 9 * * *")!.Next(Monday, newYork);
        // 02:30 does not exist in New York on 8 March 2026; the next run is on the 9th.
        var skipped = CronSchedule.TryParse("30 2 * * *")!.Next(new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero), newYork);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero), winter);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 6, 30, 0, TimeSpan.Zero), skipped);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0 0 * *")]
    [InlineData("60 * * * *")]
    [InlineData("* 24 * * *")]
    [InlineData("0 0 * * MOON")]
    [InlineData("5-1 * * * *")]
    [InlineData("*/0 * * * *")]
    public void An_expression_that_is_not_five_valid_fields_is_refused(string expression)
    {
        Assert.Null(CronSchedule.TryParse(expression));
    }

    [Fact]
    public void A_schedule_that_never_matches_has_no_next_occurrence()
    {
        Assert.Null(CronSchedule.TryParse("0 0 31 2 *")!.Next(Monday, TimeZoneInfo.Utc));
    }
}
