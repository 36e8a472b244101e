using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AmiOrchestrator.Orchestrator.Configuration;

/// <summary>
/// Reads single settings and notes every value it cannot read, by its key, instead of stopping at the first (the
/// configuration binder throws at the first value it cannot convert, so an operator would fix one problem per start).
/// </summary>
internal sealed class SettingReader(IConfiguration configuration)
{
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    public void Add(string problem) => problems.Add(problem);

    public string? String(string key) => configuration[key] is { Length: > 0 } value ? value : null;

    public IReadOnlyList<string> List(string key)
    {
        var section = configuration.GetSection(key);
        // A list may be written as a JSON array (Key:0, Key:1...) or, from the environment, as one comma-separated value.
        var items = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (items.Count == 0 && section.Value is { Length: > 0 } single)
            items = [.. single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        return items;
    }

    public int? Int(string key) => Read<int>(key, "a whole number", text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null);

    public double? Number(string key) => Read<double>(key, "a number", text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null);

    /// <summary>A duration written as the specs write them (<c>90s</c>, <c>5m</c>) or as a .NET time span (<c>00:01:30</c>).</summary>
    public TimeSpan? Duration(string key) => Read<TimeSpan>(key, "a duration such as 20s, 5m or 00:00:20", text =>
        Domain.Common.Duration.TryParse(text)?.Value
        ?? (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : (TimeSpan?)null));

    public TEnum? Enum<TEnum>(string key) where TEnum : struct, Enum =>
        Read<TEnum>(key, "one of " + string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())),
            text => System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value : null);

    private T? Read<T>(string key, string expected, Func<string, T?> parse) where T : struct
    {
        if (String(key) is not { } text)
            return null;
        if (parse(text) is { } value)
            return value;
        problems.Add($"{key}: '{text}' is not {expected}");
        return null;
    }
}
