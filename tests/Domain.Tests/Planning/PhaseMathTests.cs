using AmiOrchestrator.Domain.Planning;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Tests.Planning;

public class PhaseMathTests
{
    [Theory]
    [InlineData(25, 4, 1)]
    [InlineData(50, 4, 2)]
    [InlineData(100, 4, 4)]
    [InlineData(10, 4, 1)] // 0.4 rounds to 0, and a phase adds at least one instance
    [InlineData(50, 3, 2)] // 1.5 rounds half up
    [InlineData(33, 3, 1)]
    [InlineData(1, 1000, 10)]
    public void Target_of_a_percent_rounds_half_up_and_is_at_least_one(int percent, int desired, int expected) =>
        Assert.Equal(expected, PhaseMath.Target(new PhaseSpec { Percent = percent }, desired));

    [Fact]
    public void Target_of_a_count_is_the_count() => Assert.Equal(3, PhaseMath.Target(new PhaseSpec { Count = 3 }, 10));

    [Fact]
    public void Canary_25_50_100_on_four_shrinks_a_previous_of_four_to_3_2_0()
    {
        int[] targets = [.. new[] { 25, 50, 100 }.Select(p => PhaseMath.Target(new PhaseSpec { Percent = p }, 4))];

        Assert.Equal([1, 2, 4], targets);
        Assert.Equal([3, 2, 0], targets.Select(t => PhaseMath.PreviousDesired(t, 4, 4)));
    }

    [Fact]
    public void Previous_shrinks_in_inverse_proportion_when_the_groups_differ_in_size() =>
        Assert.Equal(3, PhaseMath.PreviousDesired(newTarget: 2, finalDesired: 4, preSetupDesired: 6));

    [Theory]
    [InlineData(1, 3, 5, 3)] // 5 - round(1.67) = 3
    [InlineData(2, 3, 5, 2)] // 5 - round(3.33) = 2
    [InlineData(1, 4, 1, 1)] // 1 - round(0.25) = 1: the previous keeps its one instance until later
    [InlineData(3, 3, 7, 0)]
    public void PreviousDesired_cases(int newTarget, int finalDesired, int preSetupDesired, int expected) =>
        Assert.Equal(expected, PhaseMath.PreviousDesired(newTarget, finalDesired, preSetupDesired));
}
