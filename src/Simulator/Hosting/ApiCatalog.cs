using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>The simulated services, found by the Query <c>Version</c> a request carries.</summary>
internal sealed class ApiCatalog(IReadOnlyList<IQueryApi> apis)
{
    private readonly Dictionary<string, IQueryApi> byVersion = apis.ToDictionary(a => a.Profile.Version, StringComparer.Ordinal);

    public IQueryApi? Find(string? version) => version is null ? null : byVersion.GetValueOrDefault(version);

    /// <summary>
    /// The service to answer in when the version is missing or unknown: the one the request was signed for, so the
    /// error comes back in a shape the caller's client can parse.
    /// </summary>
    public ServiceProfile ProfileForSigningName(string? signingName) =>
        apis.Select(a => a.Profile).FirstOrDefault(p => p.SigningName == signingName) ?? ServiceProfile.AutoScaling;
}
