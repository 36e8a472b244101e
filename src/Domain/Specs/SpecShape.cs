using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// Reads spec JSON field by field against the spec records, so that one value of the wrong type does not hide the
/// rest. A value that cannot be read (a wrong type, an unknown enum value, null where none is allowed) and an unknown
/// field each become a problem with its path and are left out; everything else is kept. The paths left out are
/// <see cref="Unreadable"/>: their values are unknown, so the validator does not check the rules that would read them
/// (a field that was there with the wrong type is not also "required").
/// </summary>
internal sealed class SpecShape
{
    private readonly List<SpecProblem> problems = [];
    private readonly HashSet<string> unreadable = new(StringComparer.Ordinal);

    public IReadOnlyList<SpecProblem> Problems => problems;

    public IReadOnlySet<string> Unreadable => unreadable;

    /// <summary>The value at <paramref name="path"/> with what could not be read left out, or null when nothing of it can be used.</summary>
    public JsonNode? Read(JsonElement element, Type type, string path)
    {
        var info = DomainJson.Options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
            return ReadObject(element, info, path);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueList<>) && element.ValueKind == JsonValueKind.Array)
            return ReadList(element, type.GetGenericArguments()[0], path);
        return ReadValue(element, type, path);
    }

    private JsonObject? ReadObject(JsonElement element, JsonTypeInfo info, string path)
    {
        // The Web defaults match field names case-insensitively; so does this, writing each under its own name.
        var members = info.Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            if (!members.TryGetValue(property.Name, out var member))
            {
                problems.Add(new SpecProblem(Join(path, property.Name), "is not a field of the spec (check the spelling)"));
                continue;
            }
            var memberPath = Join(path, member.Name);
            if (!seen.Add(member.Name))
            {
                // Keeping either value would be a guess at which one was meant.
                if (repeated.Add(member.Name))
                {
                    result.Remove(member.Name);
                    Unread(memberPath, "appears twice");
                }
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                if (member.IsSetNullable)
                    result[member.Name] = null;
                else
                    Unread(memberPath, "must not be null");
                continue;
            }
            if (Read(property.Value, member.PropertyType, memberPath) is { } value)
                result[member.Name] = value;
        }
        // What is left must still make the record (a constructor parameter may be missing), else the level is unreadable.
        return Converts(result, info.Type, path) ? result : null;
    }

    private JsonArray? ReadList(JsonElement element, Type itemType, string path)
    {
        var items = new JsonArray();
        var complete = true;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind == JsonValueKind.Null)
            {
                Unread(itemPath, "must not be null");
                complete = false;
            }
            else if (Read(item, itemType, itemPath) is { } value)
                items.Add(value);
            else
                complete = false;
        }
        // Every bad element is reported; the list is then left out whole, since a list with a hole would shift the
        // positions that later rules name.
        if (complete)
            return items;
        unreadable.Add(path);
        return null;
    }

    private JsonNode? ReadValue(JsonElement element, Type type, string path)
    {
        var node = JsonSerializer.SerializeToNode(element, DomainJson.Options);
        return Converts(node, type, path) ? node : null;
    }

    private bool Converts(JsonNode? node, Type type, string path)
    {
        try
        {
            node.Deserialize(type, DomainJson.Options);
            return true;
        }
        catch (JsonException exception)
        {
            problems.Add(SpecReader.ProblemFrom(exception, path));
            unreadable.Add(path);
            return false;
        }
    }

    private void Unread(string path, string message)
    {
        problems.Add(new SpecProblem(path, message));
        unreadable.Add(path);
    }

    private static string Join(string path, string name) => path == "$" ? name : path + "." + name;
}
