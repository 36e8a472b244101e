using System.Globalization;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// Writes a call's parameters in Query-protocol form: a structure member as <c>Parent.Member</c>, a list item as
/// <c>Name.member.N</c> (1-based), a list of structures as <c>Name.member.N.Member</c>. Absent values (null) and
/// empty lists are left out: on the wire an empty list is <c>Name=</c>, which tells AWS to clear the property,
/// and no call of ours means that.
/// </summary>
internal sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> entries;
    private readonly string prefix;

    public QueryParameters()
        : this([], string.Empty)
    {
    }

    private QueryParameters(List<KeyValuePair<string, string>> entries, string prefix)
    {
        this.entries = entries;
        this.prefix = prefix;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Entries => entries;

    public QueryParameters Add(string name, string? value)
    {
        if (value is not null)
            entries.Add(KeyValuePair.Create(prefix + name, value));
        return this;
    }

    public QueryParameters Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    // AWS parses booleans case-sensitively in places; botocore, for one, only reads exactly "true" as true.
    public QueryParameters Add(string name, bool? value) =>
        Add(name, value switch { true => "true", false => "false", null => null });

    public QueryParameters Add(string name, DateTimeOffset? value) =>
        Add(name, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public QueryParameters AddStructure(string name, Action<QueryParameters> write)
    {
        write(new QueryParameters(entries, prefix + name + "."));
        return this;
    }

    public QueryParameters AddList(string name, IEnumerable<string> values)
    {
        var index = 0;
        foreach (var value in values)
            entries.Add(KeyValuePair.Create($"{prefix}{name}.member.{++index}", value));
        return this;
    }

    public QueryParameters AddList<T>(string name, IEnumerable<T> items, Action<QueryParameters, T> write)
    {
        var index = 0;
        foreach (var item in items)
            write(new QueryParameters(entries, $"{prefix}{name}.member.{++index}."), item);
        return this;
    }

    /// <summary>Parameters already in wire form (a scaling policy is kept that way), under this writer's prefix.</summary>
    public QueryParameters AddAll(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        foreach (var (name, value) in pairs)
            Add(name, value);
        return this;
    }
}
