using System.Xml.Linq;
using AmiOrchestrator.Aws.AutoScaling;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.Tests.AutoScaling;

public sealed class AutoScalingResponsesTests
{
    private const string DescribeGroupsResult = """
        <DescribeAutoScalingGroupsResult xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
          <AutoScalingGroups>
            <member>
              <AutoScalingGroupName>web</AutoScalingGroupName>
              <AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:6c2b:autoScalingGroupName/web</AutoScalingGroupARN>
              <LaunchTemplate>
                <LaunchTemplateId>lt-0123456789abcdef0</LaunchTemplateId>
                <LaunchTemplateName>web</LaunchTemplateName>
                <Version>$Latest</Version>
              </LaunchTemplate>
              <MinSize>1</MinSize><MaxSize>4</MaxSize><DesiredCapacity>2</DesiredCapacity>
              <DefaultCooldown>300</DefaultCooldown>
              <AvailabilityZones><member>us-east-1a</member><member>us-east-1b</member></AvailabilityZones>
              <LoadBalancerNames/>
              <TargetGroupARNs><member>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef</member></TargetGroupARNs>
              <HealthCheckType>ELB</HealthCheckType>
              <HealthCheckGracePeriod>300</HealthCheckGracePeriod>
              <Instances>
                <member>
                  <InstanceId>i-0aaaaaaaaaaaaaaa1</InstanceId>
                  <InstanceType>t3.micro</InstanceType>
                  <AvailabilityZone>us-east-1a</AvailabilityZone>
                  <LifecycleState>InService</LifecycleState>
                  <HealthStatus>Healthy</HealthStatus>
                  <LaunchTemplate><LaunchTemplateId>lt-0123456789abcdef0</LaunchTemplateId><LaunchTemplateName>web</LaunchTemplateName><Version>3</Version></LaunchTemplate>
                  <ProtectedFromScaleIn>false</ProtectedFromScaleIn>
                </member>
                <member>
                  <InstanceId>i-0aaaaaaaaaaaaaaa2</InstanceId>
                  <AvailabilityZone>us-east-1b</AvailabilityZone>
                  <LifecycleState>Pending</LifecycleState>
                  <HealthStatus>Healthy</HealthStatus>
                  <ProtectedFromScaleIn>false</ProtectedFromScaleIn>
                </member>
              </Instances>
              <CreatedTime>2026-01-02T03:04:05.678Z</CreatedTime>
              <SuspendedProcesses>
                <member><ProcessName>Launch</ProcessName><SuspensionReason>User suspended at 2026-01-02T03:04:05Z</SuspensionReason></member>
              </SuspendedProcesses>
              <VPCZoneIdentifier>subnet-0a,subnet-0b</VPCZoneIdentifier>
              <EnabledMetrics/>
              <Tags>
                <member><ResourceId>web</ResourceId><ResourceType>auto-scaling-group</ResourceType><Key>env</Key><Value>test</Value><PropagateAtLaunch>true</PropagateAtLaunch></member>
                <member><ResourceId>web</ResourceId><ResourceType>auto-scaling-group</ResourceType><Key>empty</Key><Value/><PropagateAtLaunch>false</PropagateAtLaunch></member>
              </Tags>
              <TerminationPolicies><member>Default</member></TerminationPolicies>
              <NewInstancesProtectedFromScaleIn>false</NewInstancesProtectedFromScaleIn>
              <CapacityRebalance>true</CapacityRebalance>
              <MaxInstanceLifetime>604800</MaxInstanceLifetime>
              <DefaultInstanceWarmup>90</DefaultInstanceWarmup>
              <PlacementGroup>pg-1</PlacementGroup>
              <Status>Delete in progress</Status>
            </member>
            <member>
              <AutoScalingGroupName>mixed</AutoScalingGroupName>
              <MixedInstancesPolicy>
                <LaunchTemplate>
                  <LaunchTemplateSpecification><LaunchTemplateId>lt-9</LaunchTemplateId><LaunchTemplateName>m</LaunchTemplateName><Version>$Default</Version></LaunchTemplateSpecification>
                  <Overrides>
                    <member><InstanceType>t3.micro</InstanceType></member>
                    <member><InstanceType>t3a.micro</InstanceType><WeightedCapacity>2</WeightedCapacity></member>
                    <member><InstanceRequirements><VCpuCount><Min>2</Min><Max>4</Max></VCpuCount><MemoryMiB><Min>4096</Min></MemoryMiB><CpuManufacturers><member>amd</member><member>intel</member></CpuManufacturers></InstanceRequirements></member>
                  </Overrides>
                </LaunchTemplate>
                <InstancesDistribution>
                  <OnDemandAllocationStrategy>prioritized</OnDemandAllocationStrategy>
                  <OnDemandBaseCapacity>1</OnDemandBaseCapacity>
                  <OnDemandPercentageAboveBaseCapacity>50</OnDemandPercentageAboveBaseCapacity>
                  <SpotAllocationStrategy>price-capacity-optimized</SpotAllocationStrategy>
                  <SpotInstancePools>2</SpotInstancePools>
                  <SpotMaxPrice>0.05</SpotMaxPrice>
                </InstancesDistribution>
              </MixedInstancesPolicy>
              <MinSize>0</MinSize><MaxSize>0</MaxSize><DesiredCapacity>0</DesiredCapacity>
              <AvailabilityZones><member>us-east-1a</member></AvailabilityZones>
              <HealthCheckType>EC2</HealthCheckType>
              <Instances/>
              <CreatedTime>2025-12-31T23:59:59Z</CreatedTime>
            </member>
            <member>
              <AutoScalingGroupName>legacy</AutoScalingGroupName>
              <LaunchConfigurationName>legacy-lc</LaunchConfigurationName>
              <MinSize>0</MinSize><MaxSize>1</MaxSize><DesiredCapacity>0</DesiredCapacity>
              <CreatedTime>2020-01-01T00:00:00Z</CreatedTime>
            </member>
          </AutoScalingGroups>
          <NextToken>opaque</NextToken>
        </DescribeAutoScalingGroupsResult>
        """;

    [Fact]
    public void Groups_reads_every_field_the_engine_uses()
    {
        var web = AutoScalingResponses.Groups(XElement.Parse(DescribeGroupsResult)).First();

        Assert.Equal("web", web.Name);
        Assert.Equal("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:6c2b:autoScalingGroupName/web", web.Arn);
        Assert.Equal(new LaunchTemplateSpec("lt-0123456789abcdef0", "web", "$Latest"), web.LaunchTemplate);
        Assert.Null(web.MixedInstancesPolicy);
        Assert.Null(web.LaunchConfigurationName);
        Assert.Equal((1, 2, 4), (web.MinSize, web.DesiredCapacity, web.MaxSize));
        Assert.Equal(300, web.DefaultCooldown);
        Assert.Equal(["us-east-1a", "us-east-1b"], web.AvailabilityZones);
        Assert.Equal("subnet-0a,subnet-0b", web.VpcZoneIdentifier);
        Assert.Equal(("ELB", 300), (web.HealthCheckType, web.HealthCheckGracePeriod));
        Assert.Equal(["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"], web.TargetGroupArns);
        Assert.Empty(web.LoadBalancerNames);
        Assert.Equal(
            [
                new AsgInstance("i-0aaaaaaaaaaaaaaa1", "InService", "Healthy", "us-east-1a", "3"),
                new AsgInstance("i-0aaaaaaaaaaaaaaa2", "Pending", "Healthy", "us-east-1b", null),
            ],
            web.Instances);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), web.CreatedTime);
        Assert.Equal([new AsgTag("env", "test", true), new AsgTag("empty", string.Empty, false)], web.Tags);
        Assert.Equal(["Default"], web.TerminationPolicies);
        Assert.False(web.NewInstancesProtectedFromScaleIn);
        Assert.True(web.CapacityRebalance);
        Assert.Equal(604800, web.MaxInstanceLifetime);
        Assert.Equal(90, web.DefaultInstanceWarmup);
        Assert.Equal("pg-1", web.PlacementGroup);
        Assert.Equal(["Launch"], web.SuspendedProcesses);
        Assert.Equal("Delete in progress", web.Status);
    }

    [Fact]
    public void Groups_reads_a_mixed_instances_policy()
    {
        var mixed = AutoScalingResponses.Groups(XElement.Parse(DescribeGroupsResult)).Single(g => g.Name == "mixed");

        Assert.Equal(
            new MixedInstancesPolicy
            {
                LaunchTemplate = new LaunchTemplateSpec("lt-9", "m", "$Default"),
                Overrides =
                [
                    LaunchTemplateOverride.ForInstanceType("t3.micro"),
                    LaunchTemplateOverride.ForInstanceType("t3a.micro", "2"),
                    new LaunchTemplateOverride(ValueMap.Of(
                        ("InstanceRequirements.VCpuCount.Min", "2"),
                        ("InstanceRequirements.VCpuCount.Max", "4"),
                        ("InstanceRequirements.MemoryMiB.Min", "4096"),
                        ("InstanceRequirements.CpuManufacturers.member.1", "amd"),
                        ("InstanceRequirements.CpuManufacturers.member.2", "intel"))),
                ],
                OnDemandAllocationStrategy = "prioritized",
                OnDemandBaseCapacity = 1,
                OnDemandPercentageAboveBaseCapacity = 50,
                SpotAllocationStrategy = "price-capacity-optimized",
                SpotInstancePools = 2,
                SpotMaxPrice = "0.05",
            },
            mixed.MixedInstancesPolicy);
        Assert.Null(mixed.LaunchTemplate);
        Assert.Empty(mixed.Instances);
    }

    [Fact]
    public void Groups_defaults_what_an_older_group_does_not_report()
    {
        var legacy = AutoScalingResponses.Groups(XElement.Parse(DescribeGroupsResult)).Single(g => g.Name == "legacy");

        Assert.Equal("legacy-lc", legacy.LaunchConfigurationName);
        Assert.Equal(("EC2", 300, 0), (legacy.HealthCheckType, legacy.DefaultCooldown, legacy.HealthCheckGracePeriod));
        Assert.Null(legacy.Status);
        Assert.Empty(legacy.Tags);
    }

    [Fact]
    public void A_malformed_number_is_an_invalid_response_naming_the_field()
    {
        var result = XElement.Parse("<R><AutoScalingGroups><member><AutoScalingGroupName>x</AutoScalingGroupName><MinSize>one</MinSize></member></AutoScalingGroups></R>");

        var error = Assert.Throws<CloudException>(() => AutoScalingResponses.Groups(result).ToList());

        Assert.Equal(InvalidResponse.Code, error.Error.Code);
        Assert.Contains("MinSize", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduledActions_are_read_with_their_time_zone()
    {
        var result = XElement.Parse("""
            <DescribeScheduledActionsResult><ScheduledUpdateGroupActions><member>
              <AutoScalingGroupName>web</AutoScalingGroupName><ScheduledActionName>nightly</ScheduledActionName><ScheduledActionARN>arn:x</ScheduledActionARN>
              <Time>2026-01-03T00:00:00Z</Time><StartTime>2026-01-03T00:00:00Z</StartTime><Recurrence>0 0 * * *</Recurrence>
              <MinSize>0</MinSize><MaxSize>2</MaxSize><DesiredCapacity>0</DesiredCapacity><TimeZone>Etc/UTC</TimeZone>
            </member><member>
              <ScheduledActionName>once</ScheduledActionName><StartTime>2026-02-01T10:00:00Z</StartTime><EndTime>2026-02-02T10:00:00Z</EndTime><MaxSize>5</MaxSize>
            </member></ScheduledUpdateGroupActions></DescribeScheduledActionsResult>
            """);

        Assert.Equal(
            [
                new ScheduledAction
                {
                    Name = "nightly", Recurrence = "0 0 * * *", StartTime = new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero),
                    MinSize = 0, MaxSize = 2, DesiredCapacity = 0, TimeZone = "Etc/UTC",
                },
                new ScheduledAction
                {
                    Name = "once", StartTime = new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero),
                    EndTime = new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero), MaxSize = 5,
                },
            ],
            AutoScalingResponses.ScheduledActions(result));
    }

    [Fact]
    public void LifecycleHooks_are_read_in_full()
    {
        var result = XElement.Parse("""
            <DescribeLifecycleHooksResult><LifecycleHooks><member>
              <LifecycleHookName>drain</LifecycleHookName><AutoScalingGroupName>web</AutoScalingGroupName>
              <LifecycleTransition>autoscaling:EC2_INSTANCE_TERMINATING</LifecycleTransition>
              <NotificationTargetARN>arn:sqs</NotificationTargetARN><RoleARN>arn:role</RoleARN><NotificationMetadata>{"a":1}</NotificationMetadata>
              <HeartbeatTimeout>300</HeartbeatTimeout><GlobalTimeout>30000</GlobalTimeout><DefaultResult>CONTINUE</DefaultResult>
            </member></LifecycleHooks></DescribeLifecycleHooksResult>
            """);

        Assert.Equal(
            new LifecycleHook
            {
                Name = "drain", Transition = "autoscaling:EC2_INSTANCE_TERMINATING", HeartbeatTimeout = 300, DefaultResult = "CONTINUE",
                NotificationTargetArn = "arn:sqs", RoleArn = "arn:role", NotificationMetadata = "{\"a\":1}",
            },
            Assert.Single(AutoScalingResponses.LifecycleHooks(result)));
    }

    [Fact]
    public void Activities_are_read_with_status_and_times()
    {
        var result = XElement.Parse("""
            <DescribeScalingActivitiesResult><Activities><member>
              <ActivityId>f9f2</ActivityId><AutoScalingGroupName>web</AutoScalingGroupName>
              <Description>Launching a new EC2 instance: i-0aaaaaaaaaaaaaaa2</Description><Cause>At 2026-01-02T03:04:05Z a user request</Cause>
              <StartTime>2026-01-02T03:04:07.123Z</StartTime><EndTime>2026-01-02T03:04:40Z</EndTime>
              <StatusCode>Successful</StatusCode><Progress>100</Progress><Details>{}</Details>
            </member><member>
              <ActivityId>a1</ActivityId><Description>Launching a new EC2 instance.  Status Reason: The image id '[ami-1]' does not exist.</Description>
              <StartTime>2026-01-02T03:05:00Z</StartTime><StatusCode>Failed</StatusCode><StatusMessage>The image id '[ami-1]' does not exist.</StatusMessage>
            </member></Activities></DescribeScalingActivitiesResult>
            """);

        Assert.Equal(
            [
                new ScalingActivity("f9f2", "Launching a new EC2 instance: i-0aaaaaaaaaaaaaaa2", "Successful", null, 100,
                    new DateTimeOffset(2026, 1, 2, 3, 4, 7, 123, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 3, 4, 40, TimeSpan.Zero)),
                new ScalingActivity("a1", "Launching a new EC2 instance.  Status Reason: The image id '[ami-1]' does not exist.", "Failed",
                    "The image id '[ami-1]' does not exist.", 0, new DateTimeOffset(2026, 1, 2, 3, 5, 0, TimeSpan.Zero), null),
            ],
            AutoScalingResponses.Activities(result));
    }

    [Fact]
    public void LaunchConfigurations_are_read_with_devices_and_metadata_options()
    {
        var result = XElement.Parse("""
            <DescribeLaunchConfigurationsResult><LaunchConfigurations><member>
              <LaunchConfigurationName>legacy-lc</LaunchConfigurationName><ImageId>ami-1</ImageId><KeyName/>
              <SecurityGroups><member>sg-0123</member><member>default</member></SecurityGroups>
              <UserData>IyEvYmluL2Jhc2g=</UserData><InstanceType>t3.small</InstanceType><KernelId/><RamdiskId></RamdiskId>
              <BlockDeviceMappings>
                <member><DeviceName>/dev/xvda</DeviceName><Ebs><VolumeSize>20</VolumeSize><VolumeType>gp3</VolumeType><DeleteOnTermination>true</DeleteOnTermination><Encrypted>true</Encrypted><Iops>3000</Iops><Throughput>125</Throughput></Ebs></member>
                <member><DeviceName>/dev/sdb</DeviceName><VirtualName>ephemeral0</VirtualName></member>
                <member><DeviceName>/dev/sdc</DeviceName><NoDevice>true</NoDevice></member>
              </BlockDeviceMappings>
              <InstanceMonitoring><Enabled>false</Enabled></InstanceMonitoring>
              <IamInstanceProfile>web-profile</IamInstanceProfile><EbsOptimized>true</EbsOptimized><AssociatePublicIpAddress>false</AssociatePublicIpAddress>
              <PlacementTenancy>default</PlacementTenancy>
              <MetadataOptions><HttpTokens>required</HttpTokens><HttpPutResponseHopLimit>2</HttpPutResponseHopLimit><HttpEndpoint>enabled</HttpEndpoint></MetadataOptions>
            </member></LaunchConfigurations></DescribeLaunchConfigurationsResult>
            """);

        var configuration = Assert.Single(AutoScalingResponses.LaunchConfigurations(result));

        Assert.Equal(
            new LaunchConfiguration
            {
                Name = "legacy-lc",
                ImageId = "ami-1",
                InstanceType = "t3.small",
                SecurityGroups = ["sg-0123", "default"],
                IamInstanceProfile = "web-profile",
                UserDataBase64 = "IyEvYmluL2Jhc2g=",
                BlockDeviceMappings =
                [
                    new BlockDeviceMapping
                    {
                        DeviceName = "/dev/xvda", VolumeSize = 20, VolumeType = "gp3", DeleteOnTermination = true,
                        Encrypted = true, Iops = 3000, Throughput = 125,
                    },
                    new BlockDeviceMapping { DeviceName = "/dev/sdb", VirtualName = "ephemeral0" },
                    new BlockDeviceMapping { DeviceName = "/dev/sdc", NoDevice = true },
                ],
                EbsOptimized = true,
                InstanceMonitoringEnabled = false,
                AssociatePublicIpAddress = false,
                PlacementTenancy = "default",
                MetadataHttpTokens = "required",
                MetadataHopLimit = 2,
                MetadataHttpEndpoint = "enabled",
            },
            configuration);
    }
}
