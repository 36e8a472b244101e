using System.Globalization;

namespace AmiOrchestrator.Simulator.State;

/// <summary>
/// Hands out AWS-looking identifiers (<c>i-0…</c>, <c>lt-0…</c>, UUIDs). They come from a counter passed through a
/// bijective mix, so they are unique, look like AWS's random ids, and are the same on every run of a test.
/// </summary>
internal sealed class ResourceIds
{
    private long counter;

    /// <summary>An id such as <c>i-0d3c9a7f1e2b4c5d6</c>: the prefix, a zero, and 16 hex digits (AWS's 17).</summary>
    public string Next(string prefix) => prefix + "0" + Mix(Interlocked.Increment(ref counter)).ToString("x16", CultureInfo.InvariantCulture);

    public string Uuid()
    {
        var n = Interlocked.Increment(ref counter);
        var high = Mix(n);
        var low = Mix(n ^ 0x5bd1e9955bd1e995);
        return string.Create(CultureInfo.InvariantCulture, $"{high >> 32:x8}-{(high >> 16) & 0xffff:x4}-4{high & 0xfff:x3}-{8 | (low >> 62):x1}{(low >> 48) & 0xfff:x3}-{low & 0xffffffffffff:x12}");
    }

    public long NextSequence() => Interlocked.Increment(ref counter);

    // Multiplying by an odd constant is a bijection on 64-bit integers: distinct counters give distinct ids.
    private static ulong Mix(long value) => unchecked((ulong)value * 0x9E3779B97F4A7C15UL) ^ 0x2545F4914F6CDD1DUL;
}
