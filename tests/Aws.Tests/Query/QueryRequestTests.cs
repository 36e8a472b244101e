using AmiOrchestrator.Aws.Query;

namespace AmiOrchestrator.Aws.Tests.Query;

public sealed class QueryRequestTests
{
    [Fact]
    public void ToFormBody_starts_with_action_and_version()
    {
        var body = new QueryRequest("DescribeAutoScalingGroups").ToFormBody("2011-01-01");

        Assert.Equal("Action=DescribeAutoScalingGroups&Version=2011-01-01", body);
    }

    [Fact]
    public void Lists_are_numbered_members_from_one()
    {
        var request = new QueryRequest("X", p => p.AddList("AvailabilityZones", ["us-east-1a", "us-east-1b"]));

        Assert.Equal(
            [KeyValuePair.Create("AvailabilityZones.member.1", "us-east-1a"), KeyValuePair.Create("AvailabilityZones.member.2", "us-east-1b")],
            request.Parameters.ToArray());
    }

    [Fact]
    public void Structures_nest_with_dots_and_lists_of_structures_number_each_item()
    {
        var request = new QueryRequest("X", p => p
            .AddStructure("MixedInstancesPolicy", m => m
                .AddStructure("LaunchTemplate", lt => lt
                    .AddStructure("LaunchTemplateSpecification", s => s.Add("LaunchTemplateName", "web").Add("Version", "$Default"))
                    .AddList<string>("Overrides", ["t3.micro", "t3a.micro"], (o, type) => o.Add("InstanceType", type)))));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateName"] = "web",
                ["MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version"] = "$Default",
                ["MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.InstanceType"] = "t3.micro",
                ["MixedInstancesPolicy.LaunchTemplate.Overrides.member.2.InstanceType"] = "t3a.micro",
            },
            request.Parameters.ToDictionary());
    }

    [Fact]
    public void Nested_lists_inside_list_items_carry_both_indexes()
    {
        var request = new QueryRequest("X", p => p.AddList<string>("Filters", ["tag:env"], (f, name) => f
            .Add("Name", name)
            .AddList("Values", ["prod", "staging"])));

        Assert.Equal(
            ["Filters.member.1.Name", "Filters.member.1.Values.member.1", "Filters.member.1.Values.member.2"],
            request.Parameters.Select(p => p.Key));
    }

    [Fact]
    public void Null_values_and_empty_lists_are_left_out()
    {
        var request = new QueryRequest("X", p => p
            .Add("A", (string?)null)
            .Add("B", (int?)null)
            .Add("C", (bool?)null)
            .AddList("D", [])
            .AddStructure("E", s => s.Add("F", (string?)null)));

        Assert.Empty(request.Parameters);
    }

    [Fact]
    public void Scalars_use_invariant_lowercase_and_iso_forms()
    {
        var request = new QueryRequest("X", p => p
            .Add("Int", -12)
            .Add("True", true)
            .Add("False", false)
            .Add("Time", new DateTimeOffset(2026, 1, 2, 5, 4, 5, 678, TimeSpan.FromHours(2))));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Int"] = "-12",
                ["True"] = "true",
                ["False"] = "false",
                ["Time"] = "2026-01-02T03:04:05.678Z",
            },
            request.Parameters.ToDictionary());
    }

    [Theory]
    [InlineData("$Latest", "%24Latest")]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b=c&d", "a%2Bb%3Dc%26d")]
    [InlineData("subnet-0a,subnet-0b", "subnet-0a%2Csubnet-0b")]
    [InlineData("arn:aws:iam::1:role/x*", "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx%2A")]
    [InlineData("unreserved-_.~AZaz09", "unreserved-_.~AZaz09")]
    [InlineData("café", "caf%C3%A9")]
    public void Values_are_percent_encoded_per_rfc3986(string value, string encoded)
    {
        var body = new QueryRequest("X", p => p.Add("V", value)).ToFormBody("1");

        Assert.Equal($"Action=X&Version=1&V={encoded}", body);
    }

    [Fact]
    public void Keys_are_percent_encoded_too()
    {
        var body = new QueryRequest("X", p => p.Add("Filters.member.1.Name", "tag:a b")).ToFormBody("1");

        Assert.EndsWith("&Filters.member.1.Name=tag%3Aa%20b", body);
    }

    [Fact]
    public void With_adds_a_parameter_or_replaces_it_for_the_next_page()
    {
        var first = new QueryRequest("X", p => p.Add("MaxRecords", 100));

        var second = first.With("NextToken", "t1").With("NextToken", "t2");

        Assert.Equal([KeyValuePair.Create("MaxRecords", "100"), KeyValuePair.Create("NextToken", "t2")], second.Parameters.ToArray());
        Assert.Single(first.Parameters);
    }
}
