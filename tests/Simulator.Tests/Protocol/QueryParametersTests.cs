using AmiOrchestrator.Simulator.Protocol;

namespace AmiOrchestrator.Simulator.Tests.Protocol;

public sealed class QueryParametersTests
{
    [Fact]
    public void AwsQuery_lists_are_read_in_index_order_whatever_the_parameter_order()
    {
        var parameters = Parameters(QueryDialect.AwsQuery, ("Names.member.10", "j"), ("Names.member.2", "b"), ("Names.member.1", "a"));

        Assert.Equal(["a", "b", "j"], parameters.Strings("Names"));
    }

    [Fact]
    public void Ec2_lists_have_no_member_segment()
    {
        var parameters = Parameters(QueryDialect.Ec2, ("ImageId.2", "ami-2"), ("ImageId.1", "ami-1"), ("Filter.1.Name", "name"), ("Filter.1.Value.1", "x*"));

        Assert.Equal(["ami-1", "ami-2"], parameters.Strings("ImageId"));
        var filter = Assert.Single(parameters.Structs("Filter"));
        Assert.Equal(("name", "x*"), (filter["Name"], Assert.Single(filter.Strings("Value"))));
    }

    [Fact]
    public void An_explicitly_empty_list_is_present_and_empty()
    {
        var parameters = Parameters(QueryDialect.AwsQuery, ("TerminationPolicies", string.Empty));

        Assert.True(parameters.Has("TerminationPolicies"));
        Assert.Empty(parameters.Strings("TerminationPolicies"));
        Assert.False(parameters.Has("Tags"));
    }

    [Fact]
    public void Nested_structures_are_read_through_their_prefix()
    {
        var parameters = Parameters(
            QueryDialect.AwsQuery,
            ("MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.InstanceType", "t3.micro"),
            ("MixedInstancesPolicy.LaunchTemplate.Overrides.member.2.InstanceType", "t3a.micro"));

        var overrides = parameters.Struct("MixedInstancesPolicy").Struct("LaunchTemplate").Structs("Overrides");

        Assert.Equal(["t3.micro", "t3a.micro"], overrides.Select(o => o["InstanceType"]));
    }

    [Theory]
    [InlineData("50.0")]
    [InlineData("abc")]
    public void A_number_that_is_not_an_integer_is_a_validation_error(string value)
    {
        var parameters = Parameters(QueryDialect.AwsQuery, ("MinSize", value));

        var error = Assert.Throws<AwsException>(() => parameters.Int("MinSize"));

        Assert.Equal("ValidationError", error.Code);
        Assert.Contains($"'{value}' at 'minSize'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_parameter_is_reported_in_each_dialect_own_words()
    {
        var awsQuery = Assert.Throws<AwsException>(() => Parameters(QueryDialect.AwsQuery).Required("MaxSize"));
        var ec2 = Assert.Throws<AwsException>(() => Parameters(QueryDialect.Ec2).Required("LaunchTemplateName"));

        Assert.Equal(("ValidationError", "1 validation error detected: Value null at 'maxSize' failed to satisfy constraint: Member must not be null"), (awsQuery.Code, awsQuery.Message));
        Assert.Equal(("MissingParameter", "The request must contain the parameter LaunchTemplateName"), (ec2.Code, ec2.Message));
    }

    [Fact]
    public void Flatten_keeps_everything_below_the_level_except_the_named_members()
    {
        var parameters = Parameters(
            QueryDialect.AwsQuery,
            ("Action", "PutScalingPolicy"),
            ("PolicyName", "cpu"),
            ("TargetTrackingConfiguration.TargetValue", "50.0"));

        var flat = parameters.Flatten("Action", "PolicyName");

        Assert.Equal(["TargetTrackingConfiguration.TargetValue"], flat.Keys);
    }

    private static QueryParameters Parameters(QueryDialect dialect, params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), dialect);
}
