namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>
/// Times in the read model's tables: microseconds since the Unix epoch, UTC, in a BIGINT. Both databases compare and
/// sort integers the same way, and PostgreSQL's own timestamps stop at the microsecond too.
/// </summary>
internal static class ReadModelTime
{
    public static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + microseconds * TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
}
