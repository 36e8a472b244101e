using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmiOrchestrator.Domain.Common;

/// <summary>
/// An immutable string-to-string map with structural equality, ordered by key (ordinal) so that its
/// JSON form and its iteration order are stable across runs.
/// </summary>
[JsonConverter(typeof(ValueMapJsonConverter))]
public sealed class ValueMap : IReadOnlyDictionary<string, string>, IEquatable<ValueMap>
{
    private readonly ImmutableSortedDictionary<string, string> entries;

    private ValueMap(ImmutableSortedDictionary<string, string> entries) => this.entries = entries;

    public static ValueMap Empty { get; } = new(ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    public static ValueMap From(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pairs));

    public static ValueMap Of(params (string Key, string Value)[] pairs) =>
        From(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public int Count => entries.Count;

    public IEnumerable<string> Keys => entries.Keys;

    public IEnumerable<string> Values => entries.Values;

    public string this[string key] => entries[key];

    public bool ContainsKey(string key) => entries.ContainsKey(key);

    public bool TryGetValue(string key, out string value) => entries.TryGetValue(key, out value!);

    public string? GetValueOrDefault(string key) => entries.TryGetValue(key, out var value) ? value : null;

    public ValueMap SetItem(string key, string value) => new(entries.SetItem(key, value));

    public ValueMap Remove(string key) => new(entries.Remove(key));

    /// <summary>This map with every entry of <paramref name="overrides"/> written over it.</summary>
    public ValueMap Merge(ValueMap overrides) => new(entries.SetItems(overrides));

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap? other) =>
        other is not null && (ReferenceEquals(this, other) || entries.SequenceEqual(other.entries));

    public override bool Equals(object? obj) => Equals(obj as ValueMap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in entries)
        {
            hash.Add(key);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", entries.Select(e => $"{e.Key}={e.Value}")) + "}";

    public static bool operator ==(ValueMap? left, ValueMap? right) => Equals(left, right);

    public static bool operator !=(ValueMap? left, ValueMap? right) => !Equals(left, right);
}

/// <summary>Reads and writes <see cref="ValueMap"/> as a JSON object of strings.</summary>
public sealed class ValueMapJsonConverter : JsonConverter<ValueMap>
{
    public override ValueMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("must be an object of string values");
        var pairs = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"'{key}' must be a string");
            // A duplicate key in a spec is almost always a copy-paste slip; silently keeping one would guess.
            if (!seen.Add(key))
                throw new JsonException($"'{key}' appears twice");
            pairs.Add(KeyValuePair.Create(key, reader.GetString()!));
        }
        return ValueMap.From(pairs);
    }

    public override void Write(Utf8JsonWriter writer, ValueMap value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
            writer.WriteString(key, item);
        writer.WriteEndObject();
    }
}
