using System.Collections.Frozen;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>Enum values in the read model's tables: their camelCase names, as the JSON and the HTTP API write them.</summary>
internal static class EnumText<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(CamelCaseEnumConverter<TEnum>.NameOf, StringComparer.Ordinal);

    public static string Of(TEnum value) => CamelCaseEnumConverter<TEnum>.NameOf(value);

    public static TEnum Parse(string text) =>
        ByName.TryGetValue(text, out var value)
            ? value
            : throw new InvalidDataException($"'{text}' in the read model is not a {typeof(TEnum).Name} this release knows (a newer release wrote it; rebuild the read model)");
}
