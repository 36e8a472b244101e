using AmiOrchestrator.Domain.Cloud;

namespace AmiOrchestrator.Simulator.Ec2;

/// <summary>A launch configuration (an Auto Scaling resource, kept beside the EC2 ones it launches from).</summary>
internal sealed record LaunchConfigurationRecord(LaunchConfiguration Configuration, string Arn, DateTimeOffset CreatedTime);
