using System.Globalization;
using System.Xml.Linq;

namespace AmiOrchestrator.Aws.Query;

/// <summary>
/// Reads AWS response elements by local name. Inside a response the namespace carries no information (the envelope
/// has already been checked), and the Query and EC2 dialects name lists differently (<c>member</c>, <c>item</c>),
/// so these helpers take the element names as the documentation spells them.
/// </summary>
internal static class ResponseXml
{
    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>
    /// The text of a child, or null when it is absent or empty. AWS writes unset optional strings as empty elements
    /// (<c>&lt;KernelId/&gt;</c>, <c>&lt;KeyName/&gt;</c>), and sending such an empty string back is an error.
    /// </summary>
    public static string? Text(this XElement element, string name) =>
        element.Child(name)?.Value is { Length: > 0 } text ? text : null;

    public static string RequiredText(this XElement element, string name) =>
        element.Text(name) ?? throw InvalidResponse.Because($"<{element.Name.LocalName}> has no <{name}>");

    public static int? Int(this XElement element, string name) =>
        element.Text(name) is { } text ? ParseInt(element, name, text) : null;

    public static int RequiredInt(this XElement element, string name) =>
        ParseInt(element, name, element.RequiredText(name));

    public static bool? Bool(this XElement element, string name) =>
        element.Text(name) switch
        {
            null => null,
            var text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            var text => throw InvalidResponse.Because($"<{name}> is not a boolean: '{text}'"),
        };

    public static DateTimeOffset? Time(this XElement element, string name) =>
        element.Text(name) is { } text ? ParseTime(name, text) : null;

    public static DateTimeOffset RequiredTime(this XElement element, string name) =>
        ParseTime(name, element.RequiredText(name));

    /// <summary>The items of a Query-protocol list: <c>&lt;Name&gt;&lt;member&gt;…&lt;/member&gt;&lt;/Name&gt;</c>.</summary>
    public static IEnumerable<XElement> Members(this XElement element, string name) =>
        element.Child(name)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    public static IEnumerable<string> MemberTexts(this XElement element, string name) =>
        element.Members(name).Select(m => m.Value).Where(v => v.Length > 0);

    public static DateTimeOffset ParseTime(string name, string text) =>
        DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw InvalidResponse.Because($"<{name}> is not a timestamp: '{text}'");

    private static int ParseInt(XElement element, string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw InvalidResponse.Because($"<{element.Name.LocalName}><{name}> is not an integer: '{text}'");
}
