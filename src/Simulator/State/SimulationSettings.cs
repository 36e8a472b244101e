namespace AmiOrchestrator.Simulator.State;

/// <summary>
/// The behaviours a test or operator may switch while the simulator runs (the rate limiter keeps its own switch).
/// Read by every request; written rarely, through <see cref="SimulatorControl"/>.
/// </summary>
internal sealed class SimulationSettings(TimeSpan eventualConsistencyLag, bool signatureTimeCheck)
{
    private long lagTicks = eventualConsistencyLag.Ticks;
    private int checkSignatureTime = signatureTimeCheck ? 1 : 0;

    public TimeSpan EventualConsistencyLag
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref lagTicks));
        set
        {
            if (value < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(value), value, "The eventual-consistency lag must not be negative.");
            Interlocked.Exchange(ref lagTicks, value.Ticks);
        }
    }

    public bool SignatureTimeCheck
    {
        get => Volatile.Read(ref checkSignatureTime) == 1;
        set => Volatile.Write(ref checkSignatureTime, value ? 1 : 0);
    }
}
