using System.Text.Json.Nodes;

namespace AmiOrchestrator.Domain.Tests.Builders;

/// <summary>Applies an RFC 7386 merge patch (null removes a member), so a test states only the fields it changes.</summary>
internal static class JsonPatch
{
    public static string Merge(string document, string patch)
    {
        var target = JsonNode.Parse(document)!;
        return Apply(target, JsonNode.Parse(patch))!.ToJsonString();
    }

    private static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
                result.Remove(key);
            else
                result[key] = Apply(result[key]?.DeepClone(), value);
        }
        return result;
    }
}
