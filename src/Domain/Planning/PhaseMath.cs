using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>
/// The arithmetic of phases (SEMANTICS.md "Deploy phases"): a phase's target for the new group, and the previous
/// group's desired in inverse proportion. Integer arithmetic throughout so that rounding is exact.
/// </summary>
public static class PhaseMath
{
    /// <summary><c>round-half-up(numerator / denominator)</c> for non-negative operands.</summary>
    public static int RoundHalfUp(long numerator, long denominator) =>
        checked((int)((2 * numerator + denominator) / (2 * denominator)));

    /// <summary>The new group's cumulative target: a count, or <c>round-half-up(percent × desired / 100)</c> and at least 1.</summary>
    public static int Target(PhaseSpec phase, int finalDesired) => phase.Percent is { } percent
        ? Math.Max(1, RoundHalfUp((long)percent * finalDesired, 100))
        : phase.Count ?? throw new ArgumentException("a phase has a count or a percent", nameof(phase));

    /// <summary>
    /// The previous group's desired after a phase that took the new group to <paramref name="newTarget"/> of
    /// <paramref name="finalDesired"/>: <c>preSetupDesired - round-half-up(f × preSetupDesired)</c> with
    /// <c>f = newTarget / finalDesired</c>, and 0 once the new group is at its final desired.
    /// </summary>
    public static int PreviousDesired(int newTarget, int finalDesired, int preSetupDesired) =>
        newTarget >= finalDesired ? 0 : preSetupDesired - RoundHalfUp((long)newTarget * preSetupDesired, finalDesired);
}
