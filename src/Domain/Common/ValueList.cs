using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmiOrchestrator.Domain.Common;

/// <summary>
/// An immutable list with structural equality. Records that hold lists compare by content with it,
/// which the state machine needs: a state folded from events must equal the live state.
/// </summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
[JsonConverter(typeof(ValueListJsonConverterFactory))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> items;

    internal ValueList(ImmutableArray<T> items) => this.items = items;

    public static ValueList<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    public int Count => items.Length;

    public T this[int index] => items[index];

    public ValueList<T> Add(T item) => new(items.Add(item));

    public ValueList<T> AddRange(IEnumerable<T> more) => new(items.AddRange(more));

    public ImmutableArray<T>.Enumerator GetEnumerator() => items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)items).GetEnumerator();

    public bool Equals(ValueList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || items.SequenceEqual(other.items));

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
            hash.Add(item);
        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", items) + "]";

    public static bool operator ==(ValueList<T>? left, ValueList<T>? right) => Equals(left, right);

    public static bool operator !=(ValueList<T>? left, ValueList<T>? right) => !Equals(left, right);
}

/// <summary>Factory methods for <see cref="ValueList{T}"/> (also the collection-expression builder).</summary>
public static class ValueList
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) =>
        items.IsEmpty ? ValueList<T>.Empty : new ValueList<T>(ImmutableArray.Create(items));

    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) =>
        items as ValueList<T> ?? new ValueList<T>(items.ToImmutableArray());
}

/// <summary>Reads and writes <see cref="ValueList{T}"/> as a plain JSON array.</summary>
public sealed class ValueListJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(ValueListJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ValueListJsonConverter<T> : JsonConverter<ValueList<T>>
    {
        public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new JsonException("must be an array");
            var items = ImmutableArray.CreateBuilder<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // No list of ours has a use for null entries; refusing them here keeps every consumer free of null checks.
                if (reader.TokenType == JsonTokenType.Null)
                    throw JsonPaths.Nested($"[{items.Count}]", "must not be null");
                try
                {
                    items.Add(JsonSerializer.Deserialize<T>(ref reader, options)!);
                }
                catch (JsonException inner)
                {
                    // A nested Deserialize call starts its own path at "$"; carry the element's position outwards.
                    throw JsonPaths.Nested($"[{items.Count}]", inner);
                }
            }
            return items.Count == 0 ? ValueList<T>.Empty : new ValueList<T>(items.ToImmutable());
        }

        public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IEnumerable<T>>(writer, value, options);
    }
}
