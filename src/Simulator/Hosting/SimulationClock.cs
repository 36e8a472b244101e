namespace AmiOrchestrator.Simulator.Hosting;

/// <summary>
/// The simulated time. It follows the injected clock, optionally sped up: at speed 10 an instance that boots in
/// 20 simulated seconds is InService after 2 real seconds. Changing the speed re-anchors, so time never jumps back.
/// Speed only applies to the system clock; a fake clock is moved by its owner.
/// </summary>
internal sealed class SimulationClock
{
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private DateTimeOffset anchorReal;
    private DateTimeOffset anchorSimulated;
    private double speed = 1;

    public SimulationClock(TimeProvider clock)
    {
        this.clock = clock;
        anchorReal = anchorSimulated = clock.GetUtcNow();
    }

    public DateTimeOffset UtcNow
    {
        get
        {
            lock (gate)
                return Now();
        }
    }

    public double Speed
    {
        get
        {
            lock (gate)
                return speed;
        }
    }

    public void SetSpeed(double newSpeed)
    {
        if (!ReferenceEquals(clock, TimeProvider.System))
            throw new InvalidOperationException("The clock speed can only be changed when the simulator runs on the system clock; advance the injected clock instead.");
        if (!double.IsFinite(newSpeed) || newSpeed <= 0)
            throw new ArgumentOutOfRangeException(nameof(newSpeed), newSpeed, "The clock speed must be a positive number of simulated seconds per real second.");
        lock (gate)
        {
            var now = Now();
            anchorReal = clock.GetUtcNow();
            anchorSimulated = now;
            speed = newSpeed;
        }
    }

    private DateTimeOffset Now() => anchorSimulated + ((clock.GetUtcNow() - anchorReal) * speed);
}
