using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Cli;

/// <summary>
/// The AWS CLI against the simulated CloudWatch alarms, speaking the Query protocol through a copy of its own model
/// (see <see cref="CloudWatchQueryModel"/>).
/// </summary>
[Trait("Category", "AwsCli")]
public sealed class CliCloudWatchTests : SimulatorTest
{
    private AwsCli? cloudWatch;

    private AwsCli CloudWatch => cloudWatch!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        cloudWatch = new AwsCli(Simulator.Endpoint, SimulatedAccount.Default) { DataPath = await CloudWatchQueryModel.DataPathAsync() };
    }

    public override async Task DisposeAsync()
    {
        cloudWatch?.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Alarms_are_put_described_set_and_deleted()
    {
        await CloudWatch.JsonAsync(
            "cloudwatch", "put-metric-alarm", "--alarm-name", "high-cpu", "--metric-name", "CPUUtilization", "--namespace", "AWS/EC2",
            "--statistic", "Average", "--period", "60", "--evaluation-periods", "2", "--threshold", "70",
            "--comparison-operator", "GreaterThanThreshold", "--dimensions", "Name=AutoScalingGroupName,Value=web");
        await CloudWatch.JsonAsync("cloudwatch", "set-alarm-state", "--alarm-name", "high-cpu", "--state-value", "ALARM", "--state-reason", "load test");
        var described = await CloudWatch.OutputAsync("cloudwatch", "describe-alarms", "--alarm-names", "high-cpu");
        var missing = await CloudWatch.ErrorAsync("cloudwatch", "set-alarm-state", "--alarm-name", "nope", "--state-value", "OK", "--state-reason", "x");
        await CloudWatch.JsonAsync("cloudwatch", "delete-alarms", "--alarm-names", "high-cpu");

        var alarm = Assert.Single(described.GetProperty("MetricAlarms").EnumerateArray());
        Assert.Equal(("high-cpu", "ALARM", "load test", 70.0, 2), (
            alarm.GetProperty("AlarmName").GetString(), alarm.GetProperty("StateValue").GetString(), alarm.GetProperty("StateReason").GetString(),
            alarm.GetProperty("Threshold").GetDouble(), alarm.GetProperty("EvaluationPeriods").GetInt32()));
        Assert.Equal("web", alarm.GetProperty("Dimensions")[0].GetProperty("Value").GetString());
        Assert.Equal("An error occurred (ResourceNotFound) when calling the SetAlarmState operation: Alarm nope not found", missing);
        Assert.Empty((await Client.CloudWatchAsync("DescribeAlarms")).Items("DescribeAlarmsResult/MetricAlarms"));
    }
}
