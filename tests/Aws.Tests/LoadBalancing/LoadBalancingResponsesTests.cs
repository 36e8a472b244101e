using System.Xml.Linq;
using AmiOrchestrator.Aws.LoadBalancing;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Aws.Tests.LoadBalancing;

public sealed class LoadBalancingResponsesTests
{
    [Fact]
    public void TargetGroups_are_read_with_arn_name_and_type()
    {
        var result = XElement.Parse("""
            <DescribeTargetGroupsResult><TargetGroups>
              <member><TargetGroupArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123</TargetGroupArn>
                <TargetGroupName>web</TargetGroupName><Protocol>HTTP</Protocol><Port>80</Port><TargetType>instance</TargetType>
                <LoadBalancerArns><member>arn:lb</member></LoadBalancerArns></member>
              <member><TargetGroupArn>arn:tg/ip</TargetGroupArn><TargetGroupName>ip</TargetGroupName></member>
            </TargetGroups><NextMarker>m2</NextMarker></DescribeTargetGroupsResult>
            """);

        Assert.Equal(
            [
                new TargetGroup("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123", "web", "instance"),
                new TargetGroup("arn:tg/ip", "ip", null),
            ],
            LoadBalancingResponses.TargetGroups(result));
    }

    [Fact]
    public void TargetHealth_reads_target_id_state_and_reason()
    {
        var result = XElement.Parse("""
            <DescribeTargetHealthResult><TargetHealthDescriptions>
              <member><Target><Id>i-1</Id><Port>80</Port></Target><HealthCheckPort>80</HealthCheckPort><TargetHealth><State>healthy</State></TargetHealth></member>
              <member><Target><Id>i-2</Id><Port>80</Port></Target><TargetHealth><State>initial</State><Reason>Elb.RegistrationInProgress</Reason>
                <Description>Target registration is in progress</Description></TargetHealth></member>
            </TargetHealthDescriptions></DescribeTargetHealthResult>
            """);

        Assert.Equal(
            [new TargetHealth("i-1", "healthy"), new TargetHealth("i-2", "initial", "Elb.RegistrationInProgress")],
            LoadBalancingResponses.TargetHealth(result));
    }

    [Fact]
    public void TargetHealth_without_a_target_is_an_invalid_response()
    {
        var result = XElement.Parse("<R><TargetHealthDescriptions><member><TargetHealth><State>healthy</State></TargetHealth></member></TargetHealthDescriptions></R>");

        Assert.Equal(InvalidResponse.Code, Assert.Throws<CloudException>(() => LoadBalancingResponses.TargetHealth(result).ToList()).Error.Code);
    }

    [Fact]
    public void InstanceHealth_reads_classic_instance_states()
    {
        var result = XElement.Parse("""
            <DescribeInstanceHealthResult><InstanceStates>
              <member><InstanceId>i-1</InstanceId><State>InService</State><ReasonCode>N/A</ReasonCode><Description>N/A</Description></member>
              <member><InstanceId>i-2</InstanceId><State>OutOfService</State><ReasonCode>Instance</ReasonCode></member>
            </InstanceStates></DescribeInstanceHealthResult>
            """);

        Assert.Equal(
            [new LoadBalancerInstanceHealth("i-1", "InService"), new LoadBalancerInstanceHealth("i-2", "OutOfService")],
            LoadBalancingResponses.InstanceHealth(result));
    }
}
