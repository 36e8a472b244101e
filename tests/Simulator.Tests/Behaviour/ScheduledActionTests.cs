using System.Globalization;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Scheduled actions fire at their times, in their time zones, and say so in the activities they cause.</summary>
public sealed class ScheduledActionTests : SimulatorTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 1, 4, 1));
    }

    [Fact]
    public async Task A_one_time_action_changes_the_sizes_at_its_start_time_records_why_and_is_then_gone()
    {
        await Put("scale-out", ("StartTime", Time(TestRegion.Start.AddMinutes(30))), ("MinSize", "2"), ("MaxSize", "6"), ("DesiredCapacity", "3"));

        Advance(30 * 60 - 1);
        var before = await GroupAsync("web");
        Advance(1);
        var after = await GroupAsync("web");
        var launch = (await ActivitiesAsync("web"))[0];
        var remaining = await Client.AutoScalingAsync("DescribeScheduledActions", ("AutoScalingGroupName", "web"));

        Assert.Equal(("1", "4", "1"), (before.Text("MinSize"), before.Text("MaxSize"), before.Text("DesiredCapacity")));
        Assert.Equal(("2", "6", "3"), (after.Text("MinSize"), after.Text("MaxSize"), after.Text("DesiredCapacity")));
        Assert.StartsWith(
            "At 2026-11-27T08:30:00Z a scheduled action update of AutoScalingGroup constraints to min: 2, max: 6, desired: 3 changing the desired capacity from 1 to 3.",
            launch.Text("Cause"),
            StringComparison.Ordinal);
        Assert.Empty(remaining.Items("DescribeScheduledActionsResult/ScheduledUpdateGroupActions"));
    }

    [Fact]
    public async Task A_recurring_action_runs_at_its_local_time_in_its_time_zone_and_describes_its_next_run()
    {
        // 09:00 in Berlin is 08:00 UTC in November (CET, UTC+1).
        await Put("morning", ("Recurrence", "0 9 * * *"), ("TimeZone", "Europe/Berlin"), ("DesiredCapacity", "2"));
        var first = (await Client.AutoScalingAsync("DescribeScheduledActions", ("AutoScalingGroupName", "web"))).Find("StartTime");

        Advance(24 * 3600);
        var ran = (await GroupAsync("web")).Text("DesiredCapacity");
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "1"));
        Advance(24 * 3600);
        var ranAgain = (await GroupAsync("web")).Text("DesiredCapacity");
        var next = (await Client.AutoScalingAsync("DescribeScheduledActions", ("AutoScalingGroupName", "web"))).Find("StartTime");

        Assert.Equal("2026-11-28T08:00:00.000Z", first);
        Assert.Equal(("2", "2"), (ran, ranAgain));
        Assert.Equal("2026-11-30T08:00:00.000Z", next);
    }

    [Fact]
    public async Task Runs_that_fall_while_ScheduledActions_is_suspended_are_skipped()
    {
        await Put("soon", ("StartTime", Time(TestRegion.Start.AddMinutes(5))), ("DesiredCapacity", "3"));
        await Client.AutoScalingAsync("SuspendProcesses", ("AutoScalingGroupName", "web"), ("ScalingProcesses.member.1", "ScheduledActions"));

        Advance(600);
        await Client.AutoScalingAsync("ResumeProcesses", ("AutoScalingGroupName", "web"));

        Assert.Equal("1", (await GroupAsync("web")).Text("DesiredCapacity"));
        Assert.Empty((await Client.AutoScalingAsync("DescribeScheduledActions")).Items("DescribeScheduledActionsResult/ScheduledUpdateGroupActions"));
    }

    [Theory]
    [InlineData("a start time in the past", "StartTime", "2026-11-27T07:59:00Z", "Given start time is in the past")]
    [InlineData("a recurrence that is not cron", "Recurrence", "every morning", "Given recurrence string every morning is invalid: it must be a cron expression of five fields.")]
    [InlineData("an unknown time zone", "TimeZone", "Mars/Olympus", "Invalid time zone Mars/Olympus: it must be a time zone name such as Etc/UTC or America/New_York.")]
    public async Task PutScheduledUpdateGroupAction_refuses(string because, string key, string value, string message)
    {
        (string, string)[] parameters = key == "TimeZone"
            ? [("Recurrence", "0 9 * * *"), (key, value), ("DesiredCapacity", "2")]
            : [(key, value), ("DesiredCapacity", "2")];
        var error = await Assert.ThrowsAsync<QueryException>(() => Put("bad", parameters));

        Assert.True(("ValidationError", message) == (error.Code, error.AwsMessage), $"{because}: {error.Code} {error.AwsMessage}");
    }

    [Fact]
    public async Task DeleteScheduledAction_removes_the_action_and_refuses_one_that_is_not_there()
    {
        await Put("nightly", ("Recurrence", "0 0 * * *"), ("DesiredCapacity", "1"));

        await Client.AutoScalingAsync("DeleteScheduledAction", ("AutoScalingGroupName", "web"), ("ScheduledActionName", "nightly"));
        var again = await Assert.ThrowsAsync<QueryException>(() =>
            Client.AutoScalingAsync("DeleteScheduledAction", ("AutoScalingGroupName", "web"), ("ScheduledActionName", "nightly")));

        Assert.Empty((await Client.AutoScalingAsync("DescribeScheduledActions")).Items("DescribeScheduledActionsResult/ScheduledUpdateGroupActions"));
        Assert.Equal("ValidationError", again.Code);
    }

    private Task Put(string name, params (string, string)[] parameters) =>
        Client.AutoScalingAsync("PutScheduledUpdateGroupAction", [("AutoScalingGroupName", "web"), ("ScheduledActionName", name), .. parameters]);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
