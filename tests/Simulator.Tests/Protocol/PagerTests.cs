using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Tests.Protocol;

public sealed class PagerTests
{
    private static readonly string[] Items = ["d", "a", "c", "b", "e"];

    [Fact]
    public void Pages_follow_the_key_order_and_the_last_page_has_no_token()
    {
        var first = Pager.Take(Items, i => i, 2, null, "Op", Invalid);
        var second = Pager.Take(Items, i => i, 2, first.NextToken, "Op", Invalid);
        var third = Pager.Take(Items, i => i, 2, second.NextToken, "Op", Invalid);

        Assert.Equal(["a", "b"], first.Items);
        Assert.Equal(["c", "d"], second.Items);
        Assert.Equal(["e"], third.Items);
        Assert.Null(third.NextToken);
    }

    [Fact]
    public void A_token_of_another_operation_is_refused()
    {
        var first = Pager.Take(Items, i => i, 2, null, "DescribePolicies", Invalid);

        Assert.Throws<AwsException>(() => Pager.Take(Items, i => i, 2, first.NextToken, "DescribeAutoScalingGroups", Invalid));
    }

    [Fact]
    public void Descending_keys_list_larger_sequences_first()
    {
        var page = Pager.Take(new long[] { 1, 3, 2 }, Pager.Descending, 3, null, "Op", Invalid);

        Assert.Equal([3L, 2L, 1L], page.Items);
    }

    private static AwsException Invalid() => new("InvalidNextToken", "The NextToken value is not valid.");
}
