using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmiOrchestrator.Domain.Common;

/// <summary>
/// Reads and writes an enum as its camelCase name, and only that: numbers and other spellings are refused with
/// a message listing the accepted values, so a typo in a spec is reported rather than guessed at.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

    private static readonly Dictionary<TEnum, string> ByValue = ByName.ToDictionary(p => p.Value, p => p.Key);

    public static string Accepted => string.Join(", ", ByName.Keys);

    public static string NameOf(TEnum value) => ByValue[value];

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is not null && ByName.TryGetValue(text, out var value))
            return value;
        var shown = text is null ? "a " + reader.TokenType.ToString().ToLowerInvariant() : $"'{text}'";
        throw new JsonException($"{shown} is not one of {Accepted}");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ByValue[value]);
}
