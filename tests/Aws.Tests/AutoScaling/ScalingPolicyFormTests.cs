using System.Xml.Linq;
using AmiOrchestrator.Aws.AutoScaling;
using AmiOrchestrator.Aws.Tests.Support;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.Tests.AutoScaling;

public sealed class ScalingPolicyFormTests
{
    private const string TargetTrackingPredefined = """
        <member>
          <AutoScalingGroupName>web</AutoScalingGroupName><PolicyName>cpu50</PolicyName>
          <PolicyARN>arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:u:autoScalingGroupName/web:policyName/cpu50</PolicyARN>
          <PolicyType>TargetTrackingScaling</PolicyType><StepAdjustments/>
          <Alarms><member><AlarmName>TargetTracking-web-AlarmHigh</AlarmName><AlarmARN>arn:aws:cloudwatch:alarm</AlarmARN></member></Alarms>
          <TargetTrackingConfiguration>
            <PredefinedMetricSpecification><PredefinedMetricType>ALBRequestCountPerTarget</PredefinedMetricType>
              <ResourceLabel>app/web/0123/targetgroup/web/0123456789abcdef</ResourceLabel></PredefinedMetricSpecification>
            <TargetValue>50.0</TargetValue><DisableScaleIn>false</DisableScaleIn>
          </TargetTrackingConfiguration>
          <EstimatedInstanceWarmup>120</EstimatedInstanceWarmup>
          <Enabled>true</Enabled>
        </member>
        """;

    private const string TargetTrackingCustomized = """
        <member>
          <AutoScalingGroupName>web</AutoScalingGroupName><PolicyName>queue</PolicyName><PolicyType>TargetTrackingScaling</PolicyType>
          <TargetTrackingConfiguration>
            <CustomizedMetricSpecification>
              <Metrics>
                <member><Id>m1</Id><ReturnData>false</ReturnData>
                  <MetricStat><Metric><MetricName>ApproximateNumberOfMessagesVisible</MetricName><Namespace>AWS/SQS</Namespace>
                    <Dimensions><member><Name>QueueName</Name><Value>jobs</Value></member></Dimensions></Metric>
                    <Stat>Sum</Stat></MetricStat></member>
                <member><Id>m2</Id><ReturnData>false</ReturnData>
                  <MetricStat><Metric><MetricName>GroupInServiceInstances</MetricName><Namespace>AWS/AutoScaling</Namespace>
                    <Dimensions><member><Name>AutoScalingGroupName</Name><Value>web</Value></member></Dimensions></Metric>
                    <Stat>Average</Stat></MetricStat></member>
                <member><Id>e1</Id><Expression>m1 / m2</Expression><Label>Backlog per instance</Label><ReturnData>true</ReturnData></member>
              </Metrics>
            </CustomizedMetricSpecification>
            <TargetValue>100</TargetValue>
          </TargetTrackingConfiguration>
          <Enabled>true</Enabled>
        </member>
        """;

    private const string Step = """
        <member>
          <AutoScalingGroupName>web</AutoScalingGroupName><PolicyName>step-out</PolicyName><PolicyType>StepScaling</PolicyType>
          <AdjustmentType>ChangeInCapacity</AdjustmentType><MetricAggregationType>Average</MetricAggregationType>
          <EstimatedInstanceWarmup>60</EstimatedInstanceWarmup>
          <StepAdjustments>
            <member><MetricIntervalLowerBound>0</MetricIntervalLowerBound><MetricIntervalUpperBound>10</MetricIntervalUpperBound><ScalingAdjustment>1</ScalingAdjustment></member>
            <member><MetricIntervalLowerBound>10</MetricIntervalLowerBound><ScalingAdjustment>3</ScalingAdjustment></member>
          </StepAdjustments>
          <Alarms/>
          <Enabled>true</Enabled>
        </member>
        """;

    private const string Simple = """
        <member>
          <AutoScalingGroupName>web</AutoScalingGroupName><PolicyName>add-two</PolicyName>
          <AdjustmentType>PercentChangeInCapacity</AdjustmentType><ScalingAdjustment>20</ScalingAdjustment>
          <MinAdjustmentMagnitude>2</MinAdjustmentMagnitude><Cooldown>300</Cooldown><StepAdjustments/><Enabled>false</Enabled>
        </member>
        """;

    private const string Predictive = """
        <member>
          <AutoScalingGroupName>web</AutoScalingGroupName><PolicyName>forecast</PolicyName><PolicyType>PredictiveScaling</PolicyType>
          <PredictiveScalingConfiguration>
            <MetricSpecifications>
              <member><TargetValue>40</TargetValue>
                <PredefinedMetricPairSpecification><PredefinedMetricType>ASGCPUUtilization</PredefinedMetricType></PredefinedMetricPairSpecification>
              </member>
            </MetricSpecifications>
            <Mode>ForecastAndScale</Mode><SchedulingBufferTime>300</SchedulingBufferTime>
            <MaxCapacityBreachBehavior>IncreaseMaxCapacity</MaxCapacityBreachBehavior><MaxCapacityBuffer>10</MaxCapacityBuffer>
          </PredictiveScalingConfiguration>
          <Enabled>true</Enabled>
        </member>
        """;

    [Fact]
    public void Target_tracking_with_a_predefined_metric_flattens_to_put_parameters()
    {
        var policy = ScalingPolicyForm.Read(XElement.Parse(TargetTrackingPredefined));

        Assert.Equal("cpu50", policy.PolicyName);
        Assert.Equal("TargetTrackingScaling", policy.PolicyType);
        Assert.Equal(
            ValueMap.Of(
                ("TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", "ALBRequestCountPerTarget"),
                ("TargetTrackingConfiguration.PredefinedMetricSpecification.ResourceLabel", "app/web/0123/targetgroup/web/0123456789abcdef"),
                ("TargetTrackingConfiguration.TargetValue", "50.0"),
                ("TargetTrackingConfiguration.DisableScaleIn", "false"),
                ("EstimatedInstanceWarmup", "120"),
                ("Enabled", "true")),
            policy.Parameters);
    }

    [Fact]
    public void Customized_metric_math_keeps_every_list_index()
    {
        var policy = ScalingPolicyForm.Read(XElement.Parse(TargetTrackingCustomized));

        const string metrics = "TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics";
        Assert.Equal("AWS/SQS", policy.Parameters[$"{metrics}.member.1.MetricStat.Metric.Namespace"]);
        Assert.Equal("QueueName", policy.Parameters[$"{metrics}.member.1.MetricStat.Metric.Dimensions.member.1.Name"]);
        Assert.Equal("web", policy.Parameters[$"{metrics}.member.2.MetricStat.Metric.Dimensions.member.1.Value"]);
        Assert.Equal("m1 / m2", policy.Parameters[$"{metrics}.member.3.Expression"]);
        Assert.Equal("true", policy.Parameters[$"{metrics}.member.3.ReturnData"]);
        Assert.Equal(20, policy.Parameters.Count);
    }

    [Fact]
    public void Customized_metric_dimension_naming_the_group_follows_the_policy_to_a_new_group()
    {
        var policy = ScalingPolicyForm.Read(XElement.Parse(TargetTrackingCustomized)).ForGroup("web", "web__2");

        Assert.Equal(
            "web__2",
            policy.Parameters["TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.2.MetricStat.Metric.Dimensions.member.1.Value"]);
        Assert.Equal(
            "jobs",
            policy.Parameters["TargetTrackingConfiguration.CustomizedMetricSpecification.Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Value"]);
    }

    [Fact]
    public void Step_policy_keeps_its_adjustments_and_drops_empty_lists()
    {
        var policy = ScalingPolicyForm.Read(XElement.Parse(Step));

        Assert.Equal(
            ValueMap.Of(
                ("AdjustmentType", "ChangeInCapacity"),
                ("MetricAggregationType", "Average"),
                ("EstimatedInstanceWarmup", "60"),
                ("StepAdjustments.member.1.MetricIntervalLowerBound", "0"),
                ("StepAdjustments.member.1.MetricIntervalUpperBound", "10"),
                ("StepAdjustments.member.1.ScalingAdjustment", "1"),
                ("StepAdjustments.member.2.MetricIntervalLowerBound", "10"),
                ("StepAdjustments.member.2.ScalingAdjustment", "3"),
                ("Enabled", "true")),
            policy.Parameters);
    }

    [Fact]
    public void Simple_policy_without_a_type_is_a_simple_scaling_policy()
    {
        var policy = ScalingPolicyForm.Read(XElement.Parse(Simple));

        Assert.Equal("SimpleScaling", policy.PolicyType);
        Assert.Equal(
            ValueMap.Of(
                ("AdjustmentType", "PercentChangeInCapacity"),
                ("ScalingAdjustment", "20"),
                ("MinAdjustmentMagnitude", "2"),
                ("Cooldown", "300"),
                ("Enabled", "false")),
            policy.Parameters);
    }

    [Fact]
    public void Predictive_policy_flattens_its_metric_specifications()
    {
        var policy = ScalingPolicyForm.Read(XElement.Parse(Predictive));

        Assert.Equal("PredictiveScaling", policy.PolicyType);
        Assert.Equal(
            ValueMap.Of(
                ("PredictiveScalingConfiguration.MetricSpecifications.member.1.TargetValue", "40"),
                ("PredictiveScalingConfiguration.MetricSpecifications.member.1.PredefinedMetricPairSpecification.PredefinedMetricType", "ASGCPUUtilization"),
                ("PredictiveScalingConfiguration.Mode", "ForecastAndScale"),
                ("PredictiveScalingConfiguration.SchedulingBufferTime", "300"),
                ("PredictiveScalingConfiguration.MaxCapacityBreachBehavior", "IncreaseMaxCapacity"),
                ("PredictiveScalingConfiguration.MaxCapacityBuffer", "10"),
                ("Enabled", "true")),
            policy.Parameters);
    }

    [Theory]
    [InlineData(TargetTrackingPredefined)]
    [InlineData(TargetTrackingCustomized)]
    [InlineData(Step)]
    [InlineData(Simple)]
    [InlineData(Predictive)]
    public void Put_then_describe_round_trips_without_loss(string described)
    {
        var policy = ScalingPolicyForm.Read(XElement.Parse(described));

        var put = AutoScalingRequests.PutScalingPolicy("web", policy);
        // What a service stores from the put and describes again: the parameters as XML, plus the output-only fields.
        var describedAgain = QueryFormXml.Render("member", put.Parameters);
        describedAgain.Add(new XElement("PolicyARN", "arn:new"), new XElement("Alarms"));

        // The ARN and the alarms are what the service reports, not what the put carried.
        Assert.Equal(policy with { PolicyArn = "arn:new", AlarmNames = [] }, ScalingPolicyForm.Read(describedAgain));
    }

    [Fact]
    public void Put_sends_group_name_and_type_then_the_parameters_as_they_are()
    {
        var policy = new ScalingPolicy("cpu50", "TargetTrackingScaling", ValueMap.Of(("TargetTrackingConfiguration.TargetValue", "50.0")));

        var request = AutoScalingRequests.PutScalingPolicy("web", policy);

        Assert.Equal(
            [
                KeyValuePair.Create("AutoScalingGroupName", "web"),
                KeyValuePair.Create("PolicyName", "cpu50"),
                KeyValuePair.Create("PolicyType", "TargetTrackingScaling"),
                KeyValuePair.Create("TargetTrackingConfiguration.TargetValue", "50.0"),
            ],
            request.Parameters.ToArray());
    }

    [Fact]
    public void Put_refuses_parameters_that_would_override_the_group()
    {
        var policy = new ScalingPolicy("p", "SimpleScaling", ValueMap.Of(("AutoScalingGroupName", "other")));

        Assert.Throws<ArgumentException>(() => AutoScalingRequests.PutScalingPolicy("web", policy));
    }
}
