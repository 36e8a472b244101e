using System.Collections.Immutable;
using System.Text;

namespace AmiOrchestrator.Aws.Query;

/// <summary>One Query-protocol call: the action and its parameters, already in wire form.</summary>
internal sealed class QueryRequest
{
    public QueryRequest(string action, Action<QueryParameters>? write = null)
    {
        var parameters = new QueryParameters();
        write?.Invoke(parameters);
        Action = action;
        Parameters = [.. parameters.Entries];
    }

    private QueryRequest(string action, ImmutableArray<KeyValuePair<string, string>> parameters)
    {
        Action = action;
        Parameters = parameters;
    }

    public string Action { get; }

    public ImmutableArray<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>The same call with one more parameter (or that parameter replaced), as the next page of a listing.</summary>
    public QueryRequest With(string name, string value) =>
        new(Action, [.. Parameters.Where(p => p.Key != name), KeyValuePair.Create(name, value)]);

    /// <summary>
    /// The form body: <c>Action</c> and <c>Version</c> first, then the parameters, every key and value
    /// percent-encoded per RFC 3986 (only <c>A-Z a-z 0-9 - _ . ~</c> stay as they are), which is what SigV4's
    /// canonical form and AWS's decoder both expect; form encoding's <c>+</c> for a space would be read as a plus.
    /// </summary>
    public string ToFormBody(string version)
    {
        var body = new StringBuilder();
        Append(body, "Action", Action);
        Append(body, "Version", version);
        foreach (var (name, value) in Parameters)
            Append(body, name, value);
        return body.ToString();
    }

    private static void Append(StringBuilder body, string name, string value)
    {
        if (body.Length > 0)
            body.Append('&');
        body.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }
}
