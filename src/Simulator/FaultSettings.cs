namespace AmiOrchestrator.Simulator;

/// <summary>
/// Failures to inject into an action: a fraction of calls throttled (Auto Scaling, ELB, STS: 400 Throttling;
/// EC2: 503 RequestLimitExceeded), a fraction failing with an internal error (500), and latency added to every call.
/// Latency is waited on the injected clock as it is, not sped up by the clock speed: with the system clock it is
/// real time, with a fake clock it passes when the test advances the clock.
/// </summary>
public sealed record FaultSettings(double ThrottleRate = 0, double ServerErrorRate = 0, TimeSpan Latency = default);
