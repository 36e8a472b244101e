using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>An HTTP endpoint that must answer 2xx within the check's time (retried until then).</summary>
public sealed record HttpCheckSpec
{
    public string Url { get; init; } = "";
    public Duration Timeout { get; init; } = Duration.FromMinutes(2);
}
