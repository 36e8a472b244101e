using System.Text.Json;

namespace AmiOrchestrator.Domain.Common;

/// <summary>
/// Keeps the JSON path of an error found inside a list element. System.Text.Json tracks paths only through its
/// own converters; when ours deserialises an element it restarts at "$", so the element's relative path travels
/// in the message between markers and <see cref="Split"/> joins it back onto the outer path.
/// </summary>
public static class JsonPaths
{
    private const char Marker = '\u001f';

    internal static JsonException Nested(string relativePath, string message) =>
        new(Marker + relativePath + Marker + message);

    internal static JsonException Nested(string prefix, JsonException inner)
    {
        var (innerRelative, message) = Split(inner.Message);
        var innerPath = inner.Path is null or "$" ? "" : inner.Path.TrimStart('$');
        return new JsonException(Marker + prefix + innerPath + innerRelative + Marker + message, inner);
    }

    /// <summary>The relative path carried in <paramref name="message"/> (empty when none) and the message without it.</summary>
    public static (string RelativePath, string Message) Split(string message)
    {
        if (message.Length == 0 || message[0] != Marker)
            return ("", message);
        var end = message.IndexOf(Marker, 1);
        return end < 0 ? ("", message) : (message[1..end], message[(end + 1)..]);
    }
}
