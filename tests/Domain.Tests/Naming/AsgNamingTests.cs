using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Naming;

public class AsgNamingTests
{
    [Theory]
    [InlineData("app&Name__service+Name__env*Name", "app__Name__service__Name__env__Name")]
    [InlineData("a-b|c+d*e/f\\g h&i$j\"k'l.m", "a__b__c__d__e__f__g__h__i__j__k__l__m")]
    [InlineData("plain_name", "plain_name")]
    [InlineData("web.prod", "web__prod")]
    public void NormalizePrefix_replaces_each_special_character_with_a_double_underscore(string prefix, string expected) =>
        Assert.Equal(expected, AsgNaming.NormalizePrefix(prefix));

    [Fact]
    public void PrefixFor_defaults_to_service_and_environment()
    {
        var spec = SampleSpecs.Basic() with { Service = SampleSpecs.Basic().Service with { Name = "check-out" } };

        Assert.Equal("check__out__prod", AsgNaming.PrefixFor(spec));
        Assert.Equal("check__out__prod__12", AsgNaming.AsgName(AsgNaming.PrefixFor(spec), 12));
    }

    [Fact]
    public void PrefixFor_normalises_an_explicit_prefix() =>
        Assert.Equal("my__svc", AsgNaming.PrefixFor(SampleSpecs.Basic() with { AsgNamePrefix = "my.svc" }));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("web:1", "contains ':'")]
    [InlineData("web 1", "contains '\\u0020'")]
    [InlineData("wéb", "contains 'é'")]
    public void ProblemWithName_names_the_broken_rule(string name, string expected) =>
        Assert.Contains(expected, AsgNaming.ProblemWithName(name), StringComparison.Ordinal);

    [Fact]
    public void ProblemWithName_accepts_255_printable_characters_and_refuses_256()
    {
        Assert.Null(AsgNaming.ProblemWithName(new string('!', 255)));
        Assert.Contains("at most 255", AsgNaming.ProblemWithName(new string('a', 256)), StringComparison.Ordinal);
    }
}
