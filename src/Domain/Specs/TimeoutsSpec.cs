using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>How long each step may take (each wait for steady state, each AWS change with its retries) and how often waits poll.</summary>
public sealed record TimeoutsSpec
{
    public Duration SteadyState { get; init; } = Duration.FromMinutes(10);
    public Duration PollInterval { get; init; } = Duration.FromSeconds(15);
}
