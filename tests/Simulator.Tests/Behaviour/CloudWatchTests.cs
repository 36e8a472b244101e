using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>CloudWatch metric alarms: put, described back as put, state set by API or control, deleted.</summary>
public sealed class CloudWatchTests : SimulatorTest
{
    [Fact]
    public async Task An_alarm_is_described_back_with_its_parameters_and_an_initial_state()
    {
        await PutAlarm("high-cpu", ("AlarmDescription", "CPU above 70%"), ("OKActions.member.1", "arn:aws:sns:us-east-1:123456789012:ops"));

        var alarm = Assert.Single((await Client.CloudWatchAsync("DescribeAlarms", ("AlarmNames.member.1", "high-cpu"))).Items("DescribeAlarmsResult/MetricAlarms"));

        Assert.Equal(
            ("high-cpu", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:high-cpu", "CPU above 70%", "true"),
            (alarm.Text("AlarmName"), alarm.Text("AlarmArn"), alarm.Text("AlarmDescription"), alarm.Text("ActionsEnabled")));
        Assert.Equal(("CPUUtilization", "AWS/EC2", "Average", "60", "2", "70", "GreaterThanThreshold"), (
            alarm.Text("MetricName"), alarm.Text("Namespace"), alarm.Text("Statistic"), alarm.Text("Period"),
            alarm.Text("EvaluationPeriods"), alarm.Text("Threshold"), alarm.Text("ComparisonOperator")));
        Assert.Equal(("AutoScalingGroupName", "web"), (alarm.Items("Dimensions")[0].Text("Name"), alarm.Items("Dimensions")[0].Text("Value")));
        Assert.Equal(["arn:aws:sns:us-east-1:123456789012:ops"], alarm.Items("OKActions").Select(a => a.Value));
        Assert.Empty(alarm.Items("AlarmActions"));
        Assert.Equal(("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation"), (alarm.Text("StateValue"), alarm.Text("StateReason")));
    }

    [Fact]
    public async Task SetAlarmState_and_the_control_endpoint_move_the_state_and_a_put_keeps_it()
    {
        await PutAlarm("a");
        await PutAlarm("b");

        await Client.CloudWatchAsync("SetAlarmState", ("AlarmName", "a"), ("StateValue", "ALARM"), ("StateReason", "load test"), ("StateReasonData", """{"v":1}"""));
        Simulator.Control.SetAlarmState("b", "OK", "settled");
        await PutAlarm("a", ("AlarmDescription", "changed"));
        var inAlarm = await Client.CloudWatchAsync("DescribeAlarms", ("StateValue", "ALARM"));
        var all = (await Client.CloudWatchAsync("DescribeAlarms")).Items("DescribeAlarmsResult/MetricAlarms");

        var a = Assert.Single(inAlarm.Items("DescribeAlarmsResult/MetricAlarms"));
        Assert.Equal(("a", "load test", """{"v":1}""", "changed"), (a.Text("AlarmName"), a.Text("StateReason"), a.Text("StateReasonData"), a.Text("AlarmDescription")));
        Assert.Equal([("a", "ALARM"), ("b", "OK")], all.Select(x => (x.Text("AlarmName"), x.Text("StateValue"))));
    }

    [Fact]
    public async Task DeleteAlarms_deletes_the_named_alarms_and_passes_over_unknown_names()
    {
        await PutAlarm("a");
        await PutAlarm("b");

        await Client.CloudWatchAsync("DeleteAlarms", ("AlarmNames.member.1", "a"), ("AlarmNames.member.2", "never-existed"));

        Assert.Equal(["b"], (await Client.CloudWatchAsync("DescribeAlarms")).Items("DescribeAlarmsResult/MetricAlarms").Select(x => x.Text("AlarmName")));
    }

    [Fact]
    public async Task Describing_pages_with_MaxRecords_and_NextToken()
    {
        foreach (var name in new[] { "a", "b", "c" })
            await PutAlarm(name);

        var first = await Client.CloudWatchAsync("DescribeAlarms", ("MaxRecords", "2"));
        var second = await Client.CloudWatchAsync("DescribeAlarms", ("MaxRecords", "2"), ("NextToken", first.Find("NextToken")!));

        Assert.Equal(["a", "b"], first.Items("DescribeAlarmsResult/MetricAlarms").Select(x => x.Text("AlarmName")));
        Assert.Equal(["c"], second.Items("DescribeAlarmsResult/MetricAlarms").Select(x => x.Text("AlarmName")));
        Assert.Null(second.Find("NextToken"));
    }

    [Fact]
    public async Task Setting_the_state_of_a_missing_alarm_is_ResourceNotFound_404()
    {
        var error = await Assert.ThrowsAsync<QueryException>(() =>
            Client.CloudWatchAsync("SetAlarmState", ("AlarmName", "nope"), ("StateValue", "ALARM"), ("StateReason", "x")));

        Assert.Equal(("ResourceNotFound", 404, "Alarm nope not found"), (error.Code, error.Status, error.AwsMessage));
    }

    [Theory]
    [InlineData("EvaluationPeriods", "1 validation error detected: Value null at 'evaluationPeriods' failed to satisfy constraint: Member must not be null")]
    [InlineData("ComparisonOperator", "1 validation error detected: Value null at 'comparisonOperator' failed to satisfy constraint: Member must not be null")]
    [InlineData("Threshold", "One of Threshold or ThresholdMetricId must be specified.")]
    public async Task An_alarm_missing_a_required_member_is_refused(string missing, string message)
    {
        var parameters = AlarmParameters("bad").Where(p => p.Item1 != missing).ToArray();

        var error = await Assert.ThrowsAsync<QueryException>(() => Client.CloudWatchAsync("PutMetricAlarm", parameters));

        Assert.Equal(("ValidationError", 400, message), (error.Code, error.Status, error.AwsMessage));
    }

    private Task PutAlarm(string name, params (string, string)[] more) =>
        Client.CloudWatchAsync("PutMetricAlarm", [.. AlarmParameters(name), .. more]);

    private static (string, string)[] AlarmParameters(string name) =>
    [
        ("AlarmName", name), ("MetricName", "CPUUtilization"), ("Namespace", "AWS/EC2"), ("Statistic", "Average"), ("Period", "60"),
        ("EvaluationPeriods", "2"), ("Threshold", "70"), ("ComparisonOperator", "GreaterThanThreshold"),
        ("Dimensions.member.1.Name", "AutoScalingGroupName"), ("Dimensions.member.1.Value", "web"),
    ];
}
