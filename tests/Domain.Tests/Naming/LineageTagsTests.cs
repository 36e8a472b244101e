using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Naming;

public class LineageTagsTests
{
    [Fact]
    public void Recognize_reads_our_lineage_and_revision_tags()
    {
        var member = LineageTags.Recognize(SampleLineages.Member(5, desired: 4), LineageTagMode.Ours, "web-prod");

        Assert.NotNull(member);
        Assert.Equal(5, member.Revision);
        Assert.Equal(4, member.DesiredCapacity);
    }

    [Fact]
    public void Recognize_ignores_a_group_of_another_lineage() =>
        Assert.Null(LineageTags.Recognize(SampleLineages.Member(5, 4, lineage: "web-stage"), LineageTagMode.Ours, "web-prod"));

    [Theory]
    [InlineData("mapping42__7", 7)]
    [InlineData("mapping42__x", 0)]
    public void Recognize_reads_harness_revision_tags(string tag, int revision)
    {
        var asg = SampleLineages.BaseAsg("svc__7") with { Tags = [new AsgTag(LineageTags.HarnessRevisionKey, tag)] };

        Assert.Equal(revision, LineageTags.Recognize(asg, LineageTagMode.HarnessRevision, "mapping42")?.Revision);
    }

    [Fact]
    public void Recognize_requires_the_exact_harness_mapping_id_where_harness_only_compared_prefixes()
    {
        var asg = SampleLineages.BaseAsg("svc__3") with { Tags = [new AsgTag(LineageTags.HarnessRevisionKey, "mapping421__3")] };

        Assert.Null(LineageTags.Recognize(asg, LineageTagMode.HarnessRevision, "mapping42"));
    }

    [Fact]
    public void ForNewAsg_tags_name_lineage_revision_deployment_and_copies_base_tags_except_reserved_ones()
    {
        var baseTags = new[]
        {
            new AsgTag("team", "payments", PropagateAtLaunch: false),
            new AsgTag("Name", "web-base"),
            new AsgTag("aws:cloudformation:stack-name", "stack"),
            new AsgTag(LineageTags.LineageKey, "other-lineage"),
            new AsgTag(LineageTags.BlueGreenKey, LineageTags.Blue),
        };

        var tags = LineageTags.ForNewAsg("web__prod__6", 6, "dep-1", SampleSpecs.Basic().Infrastructure, blueGreen: true, baseTags);

        Assert.Equal(
            [
                new AsgTag("Name", "web__prod__6"),
                new AsgTag(LineageTags.RevisionKey, "6"),
                new AsgTag(LineageTags.DeploymentKey, "dep-1"),
                new AsgTag(LineageTags.LineageKey, "web-prod"),
                new AsgTag(LineageTags.BlueGreenKey, LineageTags.Green),
                new AsgTag("team", "payments"),
            ],
            tags);
        Assert.All(tags, t => Assert.True(t.PropagateAtLaunch));
    }

    [Fact]
    public void ForNewAsg_writes_harness_revision_in_compatibility_mode()
    {
        var infrastructure = SampleSpecs.Basic().Infrastructure with { Id = "mapping42", LineageTag = LineageTagMode.HarnessRevision };

        var tags = LineageTags.ForNewAsg("svc__8", 8, "dep-1", infrastructure, blueGreen: false, []);

        Assert.Contains(new AsgTag(LineageTags.HarnessRevisionKey, "mapping42__8"), tags);
        Assert.DoesNotContain(tags, t => t.Key == LineageTags.LineageKey);
    }
}
