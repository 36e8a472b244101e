using System.Globalization;
using System.Xml.Linq;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>
/// Turns a map of Query parameters (kept as the caller sent them, like a scaling policy's or a launch template's
/// data) back into the response elements they stand for. Auto Scaling echoes its input member names in its output;
/// EC2 answers in lowerCamel with lists renamed <c>xxxSet</c> of <c>item</c>s. Keeping AWS's raw shape lets the
/// simulator round-trip fields it does not model.
/// </summary>
internal static class ParameterXml
{
    // EC2's output list names are the lowerCamel input name + "Set", with a few exceptions in the model.
    private static readonly Dictionary<string, string> Ec2ListNames = new(StringComparer.Ordinal)
    {
        ["LicenseSpecification"] = "licenseSet",
    };

    public static IEnumerable<XElement> ToElements(ValueMap parameters, QueryDialect dialect)
    {
        var root = new Node();
        foreach (var (key, value) in parameters)
            root.Insert(key.Split('.'), value, dialect);
        return root.Render(dialect);
    }

    private sealed class Node
    {
        private readonly SortedDictionary<string, Node> children = new(StringComparer.Ordinal);
        private readonly SortedDictionary<int, Node> items = [];
        private string? value;

        public void Insert(ReadOnlySpan<string> path, string text, QueryDialect dialect)
        {
            if (path.IsEmpty)
            {
                value = text;
                return;
            }
            var segment = path[0];
            var rest = path[1..];
            if (dialect == QueryDialect.AwsQuery && segment == "member" && !rest.IsEmpty && IsIndex(rest[0], out var memberIndex))
            {
                Item(memberIndex).Insert(rest[1..], text, dialect);
                return;
            }
            if (dialect == QueryDialect.Ec2 && IsIndex(segment, out var itemIndex))
            {
                Item(itemIndex).Insert(rest, text, dialect);
                return;
            }
            if (!children.TryGetValue(segment, out var child))
                children[segment] = child = new Node();
            child.Insert(rest, text, dialect);
        }

        public IEnumerable<XElement> Render(QueryDialect dialect) =>
            children.Select(child => child.Value.RenderAs(child.Key, dialect));

        private XElement RenderAs(string name, QueryDialect dialect)
        {
            if (items.Count > 0)
            {
                var (listName, itemName) = dialect == QueryDialect.Ec2
                    ? (Ec2ListNames.GetValueOrDefault(name) ?? QueryParameters.MemberName(name) + "Set", "item")
                    : (name, "member");
                return new XElement(listName, items.Values.Select(item => item.RenderItem(itemName, dialect)));
            }
            var elementName = dialect == QueryDialect.Ec2 ? QueryParameters.MemberName(name) : name;
            return children.Count > 0 ? new XElement(elementName, Render(dialect)) : new XElement(elementName, value ?? string.Empty);
        }

        private XElement RenderItem(string itemName, QueryDialect dialect) =>
            children.Count > 0 ? new XElement(itemName, Render(dialect)) : new XElement(itemName, value ?? string.Empty);

        private Node Item(int index)
        {
            if (!items.TryGetValue(index, out var item))
                items[index] = item = new Node();
            return item;
        }

        private static bool IsIndex(string segment, out int index) =>
            int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
