using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.Tests.Integration;

/// <summary>Our CloudWatch port (Query protocol) against the simulator's alarms, over real HTTP.</summary>
public sealed class CloudWatchIntegrationTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private SimulatorHarness aws = null!;

    private ICloud Cloud => aws.Cloud;

    public async Task InitializeAsync() => aws = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await aws.DisposeAsync();

    [Fact]
    public async Task An_alarm_put_by_our_client_is_described_back_so_that_putting_it_again_recreates_it()
    {
        var alarm = Alarm("checkout-5xx", ("AlarmActions.member.1", "arn:aws:sns:us-east-1:123456789012:ops"), ("TreatMissingData", "notBreaching"));

        await Cloud.PutMetricAlarmAsync(alarm, None);
        var described = Assert.Single(await Cloud.DescribeAlarmsAsync(["checkout-5xx"], None));
        await Cloud.DeleteAlarmsAsync(["checkout-5xx"], None);
        await Cloud.PutMetricAlarmAsync(described, None);
        var recreated = Assert.Single(await Cloud.DescribeAlarmsAsync(["checkout-5xx"], None));

        Assert.Equal(("INSUFFICIENT_DATA", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx"), (described.StateValue, described.AlarmArn));
        Assert.Equal(alarm.Parameters.SetItem("ActionsEnabled", "true"), described.Parameters);
        Assert.Equal(described.Parameters, recreated.Parameters);
    }

    [Fact]
    public async Task An_alarm_state_set_through_the_control_endpoint_is_what_our_client_reads()
    {
        await Cloud.PutMetricAlarmAsync(Alarm("gate"), None);

        aws.Control.SetAlarmState("gate", "ALARM", "bake time breach");
        var alarm = Assert.Single(await Cloud.DescribeAlarmsAsync(["gate", "absent"], None));

        Assert.True(alarm.IsInAlarm);
    }

    [Fact]
    public async Task More_than_a_hundred_names_are_described_and_deleted_in_calls_of_a_hundred()
    {
        var names = Enumerable.Range(0, 150).Select(i => $"alarm-{i:D3}").ToList();
        foreach (var name in names.Take(3))
            await Cloud.PutMetricAlarmAsync(Alarm(name), None);
        var mark = aws.Control.LastRequestSequence;

        var described = await Cloud.DescribeAlarmsAsync(names, None);
        await Cloud.DeleteAlarmsAsync(names, None);
        var calls = aws.Control.Requests(since: mark);

        Assert.Equal(3, described.Count);
        Assert.Equal(["DescribeAlarms", "DescribeAlarms", "DeleteAlarms", "DeleteAlarms"], calls.Select(c => c.Action));
        Assert.Empty(await Cloud.DescribeAlarmsAsync(names, None));
    }

    [Fact]
    public async Task Asking_for_no_alarms_makes_no_call()
    {
        var mark = aws.Control.LastRequestSequence;

        var none = await Cloud.DescribeAlarmsAsync([], None);
        await Cloud.DeleteAlarmsAsync([], None);

        Assert.Empty(none);
        Assert.Empty(aws.Control.Requests(since: mark));
    }

    [Fact]
    public async Task A_refused_alarm_surfaces_CloudWatch_s_validation_error()
    {
        var incomplete = new MetricAlarm("bad", ValueMap.Of(("MetricName", "CPUUtilization"), ("Namespace", "AWS/EC2")));

        var error = await Assert.ThrowsAsync<CloudException>(() => Cloud.PutMetricAlarmAsync(incomplete, None));

        Assert.Equal((CloudErrorCodes.ValidationError, 400, false), (error.Error.Code, error.Error.HttpStatus, error.Error.Retryable));
    }

    private static MetricAlarm Alarm(string name, params (string Key, string Value)[] more) =>
        new(name, ValueMap.Of(
        [
            ("MetricName", "HTTPCode_Target_5XX_Count"), ("Namespace", "AWS/ApplicationELB"), ("Statistic", "Sum"), ("Period", "60"),
            ("EvaluationPeriods", "3"), ("Threshold", "10"), ("ComparisonOperator", "GreaterThanOrEqualToThreshold"),
            ("Dimensions.member.1.Name", "TargetGroup"), ("Dimensions.member.1.Value", "targetgroup/checkout-prod/0123456789abcdef"),
            .. more,
        ]));
}
