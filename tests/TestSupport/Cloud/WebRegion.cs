namespace AmiOrchestrator.TestSupport.Cloud;

/// <summary>
/// The simulated region the executor's tests deploy into: service <c>web</c> in <c>prod</c>, a base group on a launch
/// template, two load-balancer target groups, and a lineage <c>web-prod</c> whose revision 2 runs four instances
/// behind the prod target group with a target-tracking policy (revision 1 is at 0).
/// </summary>
public static class WebRegion
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";
    public const string BaseAsg = "web-base";
    public const string LineageId = "web-prod";
    public const string Previous = "web__prod__2";
    public const string Older = "web__prod__1";
    public const string NextName = "web__prod__3";
    public const string LaunchTemplateId = "lt-0123456789abcdef0";
    public const string OldImage = "ami-0123456789abcdef0";
    public const string NewImage = "ami-0fedcba9876543210";
    public const string BrokenImage = "ami-0bbbbbbbbbbbbbbb1";
    public const string ProdTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-prod/0123456789abcdef";
    public const string StageTargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-stage/0fedcba987654321";

    public const string Fixtures = """
        { "regions": [ {
          "accountId": "123456789012", "region": "us-east-1",
          "images": [
            { "imageId": "ami-0123456789abcdef0", "name": "web-1.0", "creationDate": "2026-01-01T00:00:00Z", "bootSeconds": 30, "tags": { "app": "web" } },
            { "imageId": "ami-0fedcba9876543210", "name": "web-1.1", "creationDate": "2026-01-03T00:00:00Z", "bootSeconds": 20, "tags": { "app": "web" } },
            { "imageId": "ami-0bbbbbbbbbbbbbbb1", "name": "web-1.2-broken", "creationDate": "2026-01-02T00:00:00Z", "bootSeconds": 20, "neverHealthy": true } ],
          "launchTemplates": [ { "launchTemplateId": "lt-0123456789abcdef0", "launchTemplateName": "web",
            "versions": [ { "imageId": "ami-0123456789abcdef0", "instanceType": "t3.micro", "userData": "IyEvYmluL3NoCg==" } ] } ],
          "targetGroups": [
            { "arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-prod/0123456789abcdef", "healthySeconds": 10, "deregistrationDelaySeconds": 30 },
            { "arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-stage/0fedcba987654321", "healthySeconds": 10, "deregistrationDelaySeconds": 30 } ],
          "autoScalingGroups": [
            { "name": "web-base", "launchTemplate": { "launchTemplateId": "lt-0123456789abcdef0", "version": "1" },
              "minSize": 0, "maxSize": 8, "desiredCapacity": 0,
              "vpcZoneIdentifier": "subnet-0a,subnet-0b", "availabilityZones": ["us-east-1a", "us-east-1b"],
              "healthCheckType": "ELB", "healthCheckGracePeriod": 60, "createdTime": "2026-01-01T00:00:00Z",
              "tags": [ { "key": "team", "value": "payments", "propagateAtLaunch": true } ],
              "policies": [ { "policyName": "cpu50", "policyType": "TargetTrackingScaling",
                              "parameters": { "TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType": "ASGAverageCPUUtilization",
                                              "TargetTrackingConfiguration.TargetValue": "50.0" } } ],
              "scheduledActions": [ { "name": "nightly", "recurrence": "0 3 * * *", "minSize": 1, "maxSize": 8, "desiredCapacity": 2, "timeZone": "Etc/UTC" } ] },
            { "name": "web__prod__1", "launchTemplate": { "launchTemplateId": "lt-0123456789abcdef0", "version": "1" },
              "minSize": 0, "maxSize": 8, "desiredCapacity": 0,
              "vpcZoneIdentifier": "subnet-0a,subnet-0b", "availabilityZones": ["us-east-1a", "us-east-1b"],
              "healthCheckType": "ELB", "createdTime": "2026-01-01T06:00:00Z",
              "tags": [ { "key": "ami-orchestrator:lineage", "value": "web-prod", "propagateAtLaunch": true },
                        { "key": "ami-orchestrator:revision", "value": "1", "propagateAtLaunch": true } ] },
            { "name": "web__prod__2", "launchTemplate": { "launchTemplateId": "lt-0123456789abcdef0", "version": "1" },
              "minSize": 2, "maxSize": 8, "desiredCapacity": 4,
              "vpcZoneIdentifier": "subnet-0a,subnet-0b", "availabilityZones": ["us-east-1a", "us-east-1b"],
              "healthCheckType": "ELB", "healthCheckGracePeriod": 60, "createdTime": "2026-01-02T06:00:00Z",
              "targetGroupArns": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-prod/0123456789abcdef"],
              "tags": [ { "key": "ami-orchestrator:lineage", "value": "web-prod", "propagateAtLaunch": true },
                        { "key": "ami-orchestrator:revision", "value": "2", "propagateAtLaunch": true },
                        { "key": "BG_VERSION", "value": "BLUE", "propagateAtLaunch": true } ],
              "policies": [ { "policyName": "cpu50", "policyType": "TargetTrackingScaling",
                              "parameters": { "TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType": "ASGAverageCPUUtilization",
                                              "TargetTrackingConfiguration.TargetValue": "50.0" } } ] } ]
        } ] }
        """;
}
