using AmiOrchestrator.Web.Hosting;
using AmiOrchestrator.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Web.Tests.Security;

public sealed class WebOptionsTests
{
    [Fact]
    public void Defaults_have_no_problem()
    {
        Assert.Empty(new WebOptions().Problems());
    }

    [Fact]
    public void Every_problem_is_named_with_its_setting()
    {
        var options = new WebOptions
        {
            ReadToken = "short",
            WriteToken = "has a space in it, 0123456789",
            EngineTimeout = TimeSpan.Zero,
            RefreshInterval = TimeSpan.FromSeconds(-1),
        };

        Assert.Equal(
            [
                "Web:ReadToken must be at least 16 characters (is 5)",
                "Web:WriteToken must not hold spaces or control characters (an Authorization header could not carry it)",
                "Web:EngineTimeout must be positive (is 00:00:00)",
                "Web:RefreshInterval must be positive (is -00:00:01)",
            ],
            options.Problems());
    }

    [Fact]
    public void The_same_token_for_reads_and_writes_is_refused()
    {
        var options = new WebOptions { ReadToken = WebNode.WriteToken, WriteToken = WebNode.WriteToken };

        Assert.Equal(["Web:ReadToken must differ from Web:WriteToken (whoever may read could write)"], options.Problems());
    }

    [Fact]
    public async Task A_node_with_invalid_web_options_does_not_start_and_says_why()
    {
        var output = new TestOutput();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            WebNode.StartAsync(output, new Dictionary<string, string?> { ["Web:WriteToken"] = "short" }));

        Assert.Contains("Web:WriteToken must be at least 16 characters (is 5)", failure.Message, StringComparison.Ordinal);
    }
}
