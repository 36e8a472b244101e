using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AmiOrchestrator.Web.Health;

/// <summary>Ready only as an Up member of its cluster: before it has joined, or once it is leaving, the node must get no traffic.</summary>
internal sealed class ClusterMembershipCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ActorSystem system;
        try
        {
            system = services.GetRequiredService<ActorSystem>();
        }
        catch (InvalidOperationException e)
        {
            // Akka.Hosting hands out the actor system only once the host has started it.
            return Task.FromResult(HealthCheckResult.Unhealthy("the actor system has not started: " + e.Message));
        }
        var self = Cluster.Get(system).SelfMember;
        return Task.FromResult(self.Status == MemberStatus.Up
            ? HealthCheckResult.Healthy($"{self.Address} is Up in its cluster")
            : HealthCheckResult.Unhealthy($"{self.Address} is {self.Status} in its cluster, not Up"));
    }
}
