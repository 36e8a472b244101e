using System.Globalization;
using System.Xml.Linq;

namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>
/// Small builders for response elements. Every builder returns null for a null value so that optional members are
/// simply absent (XElement drops null content), as AWS omits members it has no value for.
/// </summary>
internal static class Xml
{
    public static XElement? Text(string name, string? value) => value is null ? null : new XElement(name, value);

    public static XElement? Number(string name, long? value) =>
        value is null ? null : new XElement(name, value.Value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Lower-case, because botocore reads exactly <c>true</c> as true.</summary>
    public static XElement? Bool(string name, bool? value) =>
        value is null ? null : new XElement(name, value.Value ? "true" : "false");

    public static XElement? Time(string name, DateTimeOffset? value) =>
        value is null ? null : new XElement(name, AwsTime.Format(value.Value));

    /// <summary>An awsQuery list: <c>&lt;name&gt;&lt;member&gt;…&lt;/member&gt;&lt;/name&gt;</c>, or <c>&lt;name/&gt;</c> when empty.</summary>
    public static XElement Members(string name, IEnumerable<object?> members) =>
        new(name, members.Select(content => new XElement("member", content)));

    public static XElement MemberStrings(string name, IEnumerable<string> values) =>
        Members(name, values);

    /// <summary>An EC2 list: <c>&lt;nameSet&gt;&lt;item&gt;…&lt;/item&gt;&lt;/nameSet&gt;</c> (the caller passes the full name).</summary>
    public static XElement Items(string name, IEnumerable<object?> items) =>
        new(name, items.Select(content => new XElement("item", content)));

    /// <summary>EC2's tag list form.</summary>
    public static XElement TagSet(IEnumerable<KeyValuePair<string, string>> tags) =>
        Items("tagSet", tags.Select(t => new object[] { new XElement("key", t.Key), new XElement("value", t.Value) }));
}
