using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;

namespace AmiOrchestrator.Domain.Tests.Specs;

public class UserDataTemplateTests
{
    private static readonly ValueMap Variables = ValueMap.Of(("name", "web"), ("port", "8080"));

    [Theory]
    [InlineData("run ${name} on ${port}", "run web on 8080")]
    [InlineData("echo $${HOME} and ${name}", "echo ${HOME} and web")]
    [InlineData("cost: $5, ${name}", "cost: $5, web")]
    [InlineData("unterminated ${name", "unterminated ${name")]
    [InlineData("", "")]
    public void Render_substitutes_variables_and_keeps_escaped_and_plain_dollars(string template, string expected)
    {
        var rendered = UserDataTemplate.Render(template, Variables);

        Assert.Equal(expected, rendered.Text);
        Assert.Empty(rendered.Undefined);
    }

    [Fact]
    public void Render_reports_each_undefined_variable_once()
    {
        var rendered = UserDataTemplate.Render("${a} ${name} ${b} ${a}", Variables);

        Assert.Equal(["a", "b"], rendered.Undefined);
    }

    [Fact]
    public void Environment_variables_override_service_variables_in_a_spec()
    {
        var merged = ValueMap.Of(("stage", "default"), ("x", "1")).Merge(ValueMap.Of(("stage", "production")));

        Assert.Equal("production/1", UserDataTemplate.Render("${stage}/${x}", merged).Text);
    }
}
