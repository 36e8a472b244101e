using AmiOrchestrator.Simulator.AutoScaling;
using AmiOrchestrator.Simulator.AutoScaling.Lifecycle;
using AmiOrchestrator.Simulator.AutoScaling.Scaling;
using AmiOrchestrator.Simulator.AutoScaling.Scheduling;
using AmiOrchestrator.Simulator.CloudWatch;
using AmiOrchestrator.Simulator.Ec2;
using AmiOrchestrator.Simulator.LoadBalancing;
using AmiOrchestrator.Simulator.Protocol;
using AmiOrchestrator.Simulator.State;

namespace AmiOrchestrator.Simulator.Fixtures;

/// <summary>
/// Adds fixture resources to the simulated regions. Groups go through the same checks as CreateAutoScalingGroup,
/// so a fixture cannot hold a state AWS would refuse. A bad fixture fails with a message naming the resource;
/// resources loaded before it stay loaded.
/// </summary>
internal sealed class FixtureLoader(SimulatorState state, string defaultAccountId)
{
    private const string DefaultRegion = "us-east-1";

    public void Load(SimulatorFixtures fixtures, DateTimeOffset now)
    {
        foreach (var fixture in fixtures.Regions)
        {
            var region = state.Region(fixture.AccountId ?? defaultAccountId, fixture.Region ?? DefaultRegion);
            lock (region.Gate)
            {
                region.Advance(now);
                try
                {
                    Load(region, fixture, now);
                }
                finally
                {
                    region.Changed();
                }
            }
        }
    }

    private static void Load(RegionState region, RegionFixture fixture, DateTimeOffset now)
    {
        foreach (var image in fixture.Images)
            Guard($"image {image.ImageId}", () => AddImage(region, image, now));
        foreach (var template in fixture.LaunchTemplates)
            Guard($"launch template {template.LaunchTemplateName}", () => AddLaunchTemplate(region, template, now));
        foreach (var configuration in fixture.LaunchConfigurations)
            Guard($"launch configuration {configuration.Name}", () => AddLaunchConfiguration(region, configuration, now));
        foreach (var targetGroup in fixture.TargetGroups)
            Guard($"target group {targetGroup.Arn}", () => AddTargetGroup(region, targetGroup));
        foreach (var loadBalancer in fixture.LoadBalancers)
            Guard($"load balancer {loadBalancer.Name}", () => AddLoadBalancer(region, loadBalancer));
        foreach (var handler in fixture.LifecycleHookHandlers)
            Guard($"lifecycle hook handler {handler.HookName}", () => AddHookHandler(region, handler));
        foreach (var group in fixture.AutoScalingGroups)
            Guard($"Auto Scaling group {group.Name}", () => AddGroup(region, group, now));
        foreach (var alarm in fixture.Alarms)
            Guard($"alarm {alarm.AlarmName}", () => AddAlarm(region, alarm, now));
    }

    private static void AddAlarm(RegionState region, AlarmFixture fixture, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(fixture.AlarmName) || fixture.AlarmName.Length > 255)
            throw new InvalidOperationException("alarmName must be 1 to 255 characters.");
        if (region.Alarms.ContainsKey(fixture.AlarmName))
            throw new InvalidOperationException("an alarm with this name is already loaded.");
        if (!AlarmStates.All.Contains(fixture.StateValue, StringComparer.Ordinal))
            throw new InvalidOperationException($"stateValue '{fixture.StateValue}' is not one of {string.Join(", ", AlarmStates.All)}.");
        var alarm = new AlarmRecord
        {
            Name = fixture.AlarmName,
            Arn = CloudWatchXml.AlarmArn(region, fixture.AlarmName),
            Parameters = fixture.Parameters,
            ConfigurationUpdatedAt = now,
            StateUpdatedAt = now,
        };
        region.Alarms[fixture.AlarmName] = alarm;
        // Through the one way states change, so a fixture that starts in ALARM runs the policies it names, as AWS would.
        AlarmStates.Set(region, fixture.AlarmName, fixture.StateValue, "Loaded from fixtures", null, now);
    }

    private static void AddHookHandler(RegionState region, LifecycleHookHandlerFixture fixture)
    {
        if (fixture.AfterSeconds < 0)
            throw new InvalidOperationException("afterSeconds must not be negative.");
        if (fixture.Result is not (LifecycleTransitions.Continue or LifecycleTransitions.Abandon))
            throw new InvalidOperationException($"result must be CONTINUE or ABANDON, not {fixture.Result}.");
        region.HookHandlers.Add(new LifecycleHookHandler(fixture.HookName, fixture.GroupName, TimeSpan.FromSeconds(fixture.AfterSeconds), fixture.Result));
    }

    private static void Guard(string resource, Action load)
    {
        try
        {
            load();
        }
        catch (AwsException error)
        {
            throw new ArgumentException($"Fixture {resource} is not valid: {error.Message}", error);
        }
        catch (InvalidOperationException error)
        {
            throw new ArgumentException($"Fixture {resource} is not valid: {error.Message}", error);
        }
    }

    private static void AddImage(RegionState region, ImageFixture image, DateTimeOffset now)
    {
        Ec2Errors.ImageIdFormat(image.ImageId);
        if (image.BootSeconds < 0)
            throw new InvalidOperationException("bootSeconds must not be negative.");
        if (!region.Images.TryAdd(image.ImageId, new MachineImageRecord
        {
            ImageId = image.ImageId,
            Name = image.Name ?? image.ImageId,
            OwnerId = image.OwnerId ?? region.AccountId,
            CreationDate = image.CreationDate ?? now,
            State = image.State,
            Architecture = image.Architecture,
            Description = image.Description,
            IsPublic = image.IsPublic,
            Tags = image.Tags,
            BootTime = TimeSpan.FromSeconds(image.BootSeconds),
            NeverHealthy = image.NeverHealthy,
        }))
        {
            throw new InvalidOperationException("an image with this id is already loaded.");
        }
    }

    private static void AddLaunchTemplate(RegionState region, LaunchTemplateFixture fixture, DateTimeOffset now)
    {
        if (fixture.Versions.Count == 0)
            throw new InvalidOperationException("a launch template needs at least one version.");
        var id = fixture.LaunchTemplateId ?? region.Ids.Next("lt-");
        if (region.LaunchTemplates.ContainsKey(id) || region.LaunchTemplates.Values.Any(t => t.LaunchTemplateName == fixture.LaunchTemplateName))
            throw new InvalidOperationException("a launch template with this id or name is already loaded.");
        var createdBy = $"arn:aws:iam::{region.AccountId}:root";
        var template = new LaunchTemplateRecord
        {
            LaunchTemplateId = id,
            LaunchTemplateName = fixture.LaunchTemplateName,
            CreateTime = now,
            CreatedBy = createdBy,
            Tags = fixture.Tags,
            DefaultVersion = fixture.DefaultVersion ?? 1,
        };
        foreach (var version in fixture.Versions)
            template.AddVersion(version.VersionDescription, now, createdBy, version.ToTemplateData());
        if (template.DefaultVersion < 1 || template.DefaultVersion > template.LatestVersion)
            throw new InvalidOperationException($"defaultVersion {template.DefaultVersion} is not one of its versions.");
        region.LaunchTemplates[id] = template;
    }

    private static void AddLaunchConfiguration(RegionState region, LaunchConfigurationFixture fixture, DateTimeOffset now)
    {
        if (region.LaunchConfigurations.ContainsKey(fixture.Name))
            throw new InvalidOperationException("a launch configuration with this name is already loaded.");
        var arn = region.AutoScalingArn($"launchConfiguration:{region.Ids.Uuid()}:launchConfigurationName/{fixture.Name}");
        region.LaunchConfigurations[fixture.Name] = new LaunchConfigurationRecord(fixture.ToLaunchConfiguration(), arn, fixture.CreatedTime ?? now);
    }

    private static void AddTargetGroup(RegionState region, TargetGroupFixture fixture)
    {
        // arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>
        var resource = fixture.Arn.Split(':');
        var path = resource.Length == 6 ? resource[5].Split('/') : [];
        if (resource[0] != "arn" || path.Length != 3 || path[0] != "targetgroup")
            throw new InvalidOperationException("the ARN must look like arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID.");
        if (fixture.HealthySeconds < 0 || fixture.DeregistrationDelaySeconds < 0)
            throw new InvalidOperationException("healthySeconds and deregistrationDelaySeconds must not be negative.");
        var targetGroup = new TargetGroupRecord
        {
            Arn = fixture.Arn,
            Name = path[1],
            Port = fixture.Port,
            Protocol = fixture.Protocol,
            VpcId = fixture.VpcId ?? Ec2Xml.VpcId,
            HealthCheckPath = fixture.HealthCheckPath,
            Targets = new TargetRegistrations(TimeSpan.FromSeconds(fixture.HealthySeconds), TimeSpan.FromSeconds(fixture.DeregistrationDelaySeconds)),
        };
        if (!region.TargetGroups.TryAdd(fixture.Arn, targetGroup))
            throw new InvalidOperationException("a target group with this ARN is already loaded.");
    }

    private static void AddLoadBalancer(RegionState region, LoadBalancerFixture fixture)
    {
        if (fixture.HealthySeconds < 0)
            throw new InvalidOperationException("healthySeconds must not be negative.");
        var loadBalancer = new ClassicLoadBalancerRecord
        {
            Name = fixture.Name,
            // Classic load balancers drop a deregistered instance at once (connection draining is not simulated).
            Instances = new TargetRegistrations(TimeSpan.FromSeconds(fixture.HealthySeconds), TimeSpan.Zero),
        };
        if (!region.LoadBalancers.TryAdd(fixture.Name, loadBalancer))
            throw new InvalidOperationException("a load balancer with this name is already loaded.");
    }

    private static void AddGroup(RegionState region, AutoScalingGroupFixture fixture, DateTimeOffset now)
    {
        foreach (var process in fixture.SuspendedProcesses.Where(p => !ScalingProcesses.All.Contains(p, StringComparer.Ordinal)))
            throw new InvalidOperationException($"{process} is not a scaling process.");
        var group = GroupFactory.Create(
            region,
            new GroupDefinition
            {
                Name = fixture.Name,
                LaunchTemplate = fixture.LaunchTemplate,
                LaunchConfigurationName = fixture.LaunchConfigurationName,
                MixedInstancesPolicy = fixture.MixedInstancesPolicy,
                MinSize = fixture.MinSize,
                MaxSize = fixture.MaxSize,
                DesiredCapacity = fixture.DesiredCapacity,
                DefaultCooldown = fixture.DefaultCooldown,
                AvailabilityZones = fixture.AvailabilityZones,
                VpcZoneIdentifier = fixture.VpcZoneIdentifier,
                HealthCheckType = fixture.HealthCheckType,
                HealthCheckGracePeriod = fixture.HealthCheckGracePeriod,
                TerminationPolicies = fixture.TerminationPolicies,
                MaxInstanceLifetime = fixture.MaxInstanceLifetime,
                TargetGroupArns = fixture.TargetGroupArns,
                LoadBalancerNames = fixture.LoadBalancerNames,
                Tags = fixture.Tags,
                LifecycleHooks = fixture.LifecycleHooks,
                CreatedTime = fixture.CreatedTime,
            },
            now,
            running: true);
        foreach (var policy in fixture.Policies)
        {
            var arn = region.AutoScalingArn($"scalingPolicy:{region.Ids.Uuid()}:autoScalingGroupName/{group.Name}:policyName/{policy.PolicyName}");
            group.Policies[policy.PolicyName] = new PolicyRecord(policy, arn, TargetTrackingAlarms.Put(region, group, arn, policy, [], now));
        }
        foreach (var action in fixture.ScheduledActions)
        {
            GroupRules.ScheduledAction(action);
            var arn = region.AutoScalingArn($"scheduledUpdateGroupAction:{region.Ids.Uuid()}:autoScalingGroupName/{group.Name}:scheduledActionName/{action.Name}");
            group.ScheduledActions[action.Name] = new ScheduledActionRecord(action, arn, ScheduledActionProcess.FirstRun(action, now));
        }
        foreach (var process in fixture.SuspendedProcesses)
            group.SuspendedProcesses[process] = $"User suspended at {AwsTime.FormatSeconds(now)}";
    }
}
