namespace AmiOrchestrator.Simulator;

/// <summary>
/// Failures to inject into an action, each a fraction of its calls drawn from one seeded random sequence:
/// <list type="bullet">
/// <item><see cref="ThrottleRate"/>: refused before anything happens (Auto Scaling, ELB, STS, CloudWatch: 400
/// Throttling; EC2: 503 RequestLimitExceeded);</item>
/// <item><see cref="ServerErrorRate"/>: refused with an internal error (500) before anything happens;</item>
/// <item><see cref="AppliedServerErrorRate"/>: carried out, then answered with the internal error (500), as when AWS
/// fails after committing;</item>
/// <item><see cref="AppliedDropRate"/>: carried out, then the connection is aborted without an answer, which a client
/// sees at once as a connection closed mid-response (the same as a timeout: it cannot know whether the call
/// happened).</item>
/// </list>
/// <see cref="Latency"/> is added to every call and waited on the injected clock as it is, not sped up by the clock
/// speed: with the system clock it is real time, with a fake clock it passes when the test advances the clock.
/// <see cref="Times"/>, when set, spends the fault after that many failed calls: later calls pass, so a test can fail
/// exactly the first attempt of a change and see what a retry does.
/// </summary>
public sealed record FaultSettings(
    double ThrottleRate = 0,
    double ServerErrorRate = 0,
    TimeSpan Latency = default,
    double AppliedServerErrorRate = 0,
    double AppliedDropRate = 0,
    int? Times = null);
