namespace AmiOrchestrator.Aws.Tests.Support;

/// <summary>A request as it reached the wire: what a test asserts about encoding and signing.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The form body decoded, in order; keys may not repeat in a Query request.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv[1]), StringComparer.Ordinal);

    public string Action => Form.GetValueOrDefault("Action") ?? string.Empty;

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
