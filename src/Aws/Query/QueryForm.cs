using System.Xml.Linq;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// Turns a response element back into the Query parameters that would recreate it, without knowing its shape: a
/// nested element becomes <c>A.B</c>, the items of a list <c>A.member.N</c>. Auto Scaling's describe answers echo
/// its input members, so this carries whatever AWS adds to a scaling policy or a launch template override later.
/// </summary>
internal static class QueryForm
{
    /// <summary>The parameters of every child of <paramref name="element"/>, keyed relative to it.</summary>
    public static ValueMap Of(XElement element)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var child in element.Elements())
            Flatten(child, child.Name.LocalName, parameters);
        return ValueMap.From(parameters);
    }

    public static void Flatten(XElement element, string path, List<KeyValuePair<string, string>> into)
    {
        var children = element.Elements().ToList();
        if (children.Count == 0)
        {
            // Empty elements are empty lists (<StepAdjustments/> on a target-tracking policy). Sending one back would
            // be "StepAdjustments=", an explicit empty list, which PutScalingPolicy refuses for types that take none.
            if (element.Value.Length > 0)
                into.Add(KeyValuePair.Create(path, element.Value));
            return;
        }

        if (children.TrueForAll(c => c.Name.LocalName == "member"))
        {
            for (var i = 0; i < children.Count; i++)
                Flatten(children[i], $"{path}.member.{i + 1}", into);
            return;
        }

        foreach (var child in children)
            Flatten(child, $"{path}.{child.Name.LocalName}", into);
    }
}
