using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Tests.Protocol;

public sealed class WildcardPatternTests
{
    [Theory]
    [InlineData("checkout-*", "checkout-1.0", true)]
    [InlineData("checkout-?.0", "checkout-1.0", true)]
    [InlineData("*-1.*", "checkout-1.0", true)]
    [InlineData("*a*b*", "xxaxxbxx", true)]
    [InlineData("*", "", true)]
    [InlineData("checkout-?", "checkout-10", false)]
    [InlineData("Checkout-*", "checkout-1.0", false)]
    [InlineData("*a*b", "xxaxxbxx", false)]
    public void Star_matches_any_run_and_question_mark_one_character(string pattern, string text, bool matches)
    {
        Assert.Equal(matches, WildcardPattern.IsMatch(pattern, text));
    }
}
