using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AmiOrchestrator.Domain.Common;

/// <summary>
/// The JSON settings for everything the domain reads or writes (specs, events, messages): camelCase, enums as
/// camelCase strings, nullability honoured, and unknown fields refused so a misspelt field is an error, not a
/// silently ignored setting. Nulls are left out when writing, and an absent member that may be null reads as null, so
/// whatever these settings write they read back equal.
/// </summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowOutOfOrderMetadataProperties = true,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 64,
            WriteIndented = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NullableParametersAreOptional } },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// RespectRequiredConstructorParameters requires every constructor parameter, null or not, while WhenWritingNull
    /// leaves nulls out: a record written with a null parameter (a phase without gates, a resize that leaves max alone)
    /// could never be read again. A parameter that may be null is therefore optional; one that may not stays required,
    /// so a spec still refuses a missing number.
    /// </summary>
    private static void NullableParametersAreOptional(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.AssociatedParameter is { IsNullable: true })
                property.IsRequired = false;
        }
    }
}
