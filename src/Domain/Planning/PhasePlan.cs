using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Planning;

/// <summary>
/// One phase's sizes: the new group's target and min, and (outside Blue/Green, with a previous group) the
/// previous group's desired and min after the phase, plus the gates that follow it.
/// </summary>
public sealed record PhasePlan(int Number, int NewDesired, int NewMin, int? PreviousDesired, int? PreviousMin, GatesSpec? Gates);
