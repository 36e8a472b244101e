using System.Globalization;
using System.Xml.Linq;

namespace AmiOrchestrator.Aws.Tests.Support;

/// <summary>
/// Renders Query-form parameters as the XML a Describe call would answer with (<c>A.B</c> nested,
/// <c>A.member.N</c> as the N-th <c>&lt;member&gt;</c> of <c>A</c>): what a service does with what it was given,
/// for round-trip tests.
/// </summary>
internal static class QueryFormXml
{
    public static XElement Render(string elementName, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var root = new XElement(elementName);
        foreach (var (key, value) in parameters.OrderBy(p => SortKey(p.Key), StringComparer.Ordinal))
        {
            var node = root;
            var segments = key.Split('.');
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i] == "member")
                {
                    var index = int.Parse(segments[++i], CultureInfo.InvariantCulture);
                    while (node.Elements("member").Count() < index)
                        node.Add(new XElement("member"));
                    node = node.Elements("member").ElementAt(index - 1);
                }
                else
                {
                    var child = node.Element(segments[i]);
                    if (child is null)
                        node.Add(child = new XElement(segments[i]));
                    node = child;
                }
            }

            node.Value = value;
        }

        return root;
    }

    // Orders member.2 before member.10, so members are created in index order.
    private static string SortKey(string key) =>
        string.Join('.', key.Split('.').Select(s => int.TryParse(s, out var n) ? n.ToString("D6", CultureInfo.InvariantCulture) : s));
}
