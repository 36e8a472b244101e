using System.Globalization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>
/// The decoded parameters of a Query request, seen from one structure level (<see cref="Struct"/> and
/// <see cref="Structs"/> narrow the view). Lists follow the dialect: <c>Name.member.N</c> for awsQuery, <c>Name.N</c>
/// for EC2; indices need not be contiguous and parameter order never matters (the CLI sends model order, the .NET SDK
/// alphabetical). Bad or missing values raise the error each dialect's services return.
/// </summary>
internal sealed class QueryParameters
{
    private readonly IReadOnlyDictionary<string, string> values;
    private readonly string prefix;

    public QueryParameters(IReadOnlyDictionary<string, string> values, QueryDialect dialect)
        : this(values, dialect, string.Empty)
    {
    }

    private QueryParameters(IReadOnlyDictionary<string, string> values, QueryDialect dialect, string prefix)
    {
        this.values = values;
        this.prefix = prefix;
        Dialect = dialect;
    }

    public QueryDialect Dialect { get; }

    public string? this[string name] => values.TryGetValue(prefix + name, out var value) ? value : null;

    /// <summary>True when the member is present, as a value or as any nested or list key.</summary>
    public bool Has(string name)
    {
        var key = prefix + name;
        return values.ContainsKey(key) || values.Keys.Any(k => k.StartsWith(key + ".", StringComparison.Ordinal));
    }

    public string Required(string name) => this[name] ?? throw Missing(name);

    public int? Int(string name) => Parse(name, static (string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value));

    public int RequiredInt(string name) => Int(name) ?? throw Missing(name);

    public long? Long(string name) => Parse(name, static (string text, out long value) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value));

    public bool? Bool(string name) => Parse(name, static (string text, out bool value) =>
        bool.TryParse(text, out value));

    public DateTimeOffset? Timestamp(string name) => Parse<DateTimeOffset>(name, AwsTime.TryParse);

    /// <summary>A list of strings; <c>Name=</c> with nothing after it is AWS's way of sending an explicit empty list.</summary>
    public IReadOnlyList<string> Strings(string name) =>
        ListIndices(name)
            .Select(index => values.TryGetValue(ListPrefix(name) + index, out var value) ? value : string.Empty)
            .Where(value => value.Length > 0)
            .ToList();

    public IReadOnlyList<QueryParameters> Structs(string name) =>
        ListIndices(name).Select(index => new QueryParameters(values, Dialect, ListPrefix(name) + index + ".")).ToList();

    public QueryParameters Struct(string name) => new(values, Dialect, prefix + name + ".");

    /// <summary>Every parameter under this level, keyed relative to it, except the top-level members named.</summary>
    public ValueMap Flatten(params string[] except) =>
        ValueMap.From(values
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => KeyValuePair.Create(p.Key[prefix.Length..], p.Value))
            .Where(p => !except.Contains(p.Key.Split('.')[0], StringComparer.Ordinal)));

    public AwsException Missing(string name) => Dialect == QueryDialect.Ec2
        ? new AwsException("MissingParameter", $"The request must contain the parameter {name}")
        : new AwsException(
            "ValidationError",
            $"1 validation error detected: Value null at '{MemberName(name)}' failed to satisfy constraint: Member must not be null");

    public AwsException Invalid(string name, string value, string constraint) => Dialect == QueryDialect.Ec2
        ? new AwsException("InvalidParameterValue", $"Value ({value}) for parameter {name} is invalid. {constraint}")
        : new AwsException(
            "ValidationError",
            $"1 validation error detected: Value '{value}' at '{MemberName(name)}' failed to satisfy constraint: {constraint}");

    /// <summary>The member name as AWS's validation messages spell it: lowerCamel.</summary>
    public static string MemberName(string name) =>
        name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private delegate bool TryParser<T>(string text, out T value);

    private T? Parse<T>(string name, TryParser<T> parser)
        where T : struct
    {
        var text = this[name];
        if (text is null)
            return null;
        return parser(text.Trim(), out var value) ? value : throw Invalid(name, text, $"Member must be a valid {typeof(T).Name.ToLowerInvariant()}");
    }

    private string ListPrefix(string name) =>
        prefix + name + (Dialect == QueryDialect.Ec2 ? "." : ".member.");

    private IEnumerable<int> ListIndices(string name)
    {
        var listPrefix = ListPrefix(name);
        var indices = new SortedSet<int>();
        foreach (var key in values.Keys)
        {
            if (!key.StartsWith(listPrefix, StringComparison.Ordinal))
                continue;
            var rest = key.AsSpan(listPrefix.Length);
            var dot = rest.IndexOf('.');
            var indexText = dot < 0 ? rest : rest[..dot];
            if (int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0)
                indices.Add(index);
        }
        return indices;
    }
}
