using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Tests.Specs;

public class DurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2h5m7s250ms", 7_507_250)]
    [InlineData("0s", 0)]
    public void TryParse_reads_unit_groups(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Duration.TryParse(text)?.Value);

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("m")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("-5s")]
    [InlineData("5 s")]
    [InlineData("1d")]
    [InlineData("9999999999s")]
    [InlineData("999999999h")]
    [InlineData("876000h1s")]
    public void TryParse_refuses_anything_else(string text) => Assert.Null(Duration.TryParse(text));

    [Theory]
    [InlineData("90s", "1m30s")]
    [InlineData("1h30m", "1h30m")]
    [InlineData("0s", "0s")]
    [InlineData("1500ms", "1s500ms")]
    public void ToString_is_the_canonical_spelling_and_parses_back(string text, string canonical)
    {
        var duration = Duration.TryParse(text)!.Value;

        Assert.Equal(canonical, duration.ToString());
        Assert.Equal(duration, Duration.TryParse(canonical));
    }
}
