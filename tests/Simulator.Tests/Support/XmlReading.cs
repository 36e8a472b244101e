using System.Xml.Linq;

namespace AmiOrchestrator.Simulator.Tests.Support;

/// <summary>Namespace-agnostic reading of response XML, as clients read it (by local name).</summary>
internal static class XmlReading
{
    /// <summary>The value of the first descendant with this local name.</summary>
    public static string? Find(this XElement element, string name) =>
        element.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    public static XElement At(this XElement element, string path)
    {
        var current = element;
        foreach (var name in path.Split('/'))
        {
            current = current.Elements().FirstOrDefault(e => e.Name.LocalName == name)
                ?? throw new Xunit.Sdk.XunitException($"<{current.Name.LocalName}> has no <{name}>: {current}");
        }
        return current;
    }

    /// <summary>The list items (member or item) of the list at this path.</summary>
    public static IReadOnlyList<XElement> Items(this XElement element, string path) =>
        element.At(path).Elements().ToList();

    public static string Text(this XElement element, string path) => element.At(path).Value;
}
