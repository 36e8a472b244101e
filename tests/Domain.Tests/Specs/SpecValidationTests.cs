using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Domain.Tests.Builders;

namespace AmiOrchestrator.Domain.Tests.Specs;

/// <summary>Every rule of SEMANTICS.md "Inputs", one row each: a change to a valid spec, and the problem it must produce.</summary>
public class SpecValidationTests
{
    private static readonly string BasicExample = File.ReadAllText(Path.Combine(SampleSpecs.ExamplesFolder, "basic.json"));

    public static TheoryData<string, string, string> Violations => new()
    {
        // capacity: min <= desired <= max, no negatives, nothing guessed
        { """{"capacity":{"min":2,"desired":12,"max":10}}""", "capacity.desired", "12 is above capacity.max 10" },
        { """{"capacity":{"min":5,"desired":4,"max":10}}""", "capacity.desired", "4 is below capacity.min 5" },
        { """{"capacity":{"min":-1,"desired":4,"max":10}}""", "capacity.min", "-1 is negative" },
        { """{"capacity":{"min":0,"desired":4,"max":-3}}""", "capacity.max", "-3 is negative" },
        { """{"capacity":{"min":0,"desired":0,"max":3}}""", "capacity.desired", "must be at least 1" },
        { """{"capacity":{"min":null}}""", "capacity.min", "is required when mode is fixed" },
        { """{"capacity":{"max":null}}""", "capacity.max", "is required when mode is fixed" },
        { """{"capacity":{"mode":"sameAsRunning"}}""", "capacity.min", "is not used when mode is sameAsRunning" },
        { """{"capacity":{"fallback":{"min":0,"desired":1,"max":1}}}""", "capacity.fallback", "only used when mode is sameAsRunning" },
        { """{"capacity":{"mode":"sameAsRunning","min":null,"desired":null,"max":null,"fallback":{"min":3,"desired":2,"max":4}}}""", "capacity.fallback.desired", "2 is below capacity.fallback.min 3" },
        { """{"capacity":{"mode":"everything"}}""", "capacity.mode", "'everything' is not one of fixed, sameAsRunning" },
        // strategy and canary phases
        { """{"strategy":{"type":"rolling"}}""", "strategy.type", "'rolling' is not one of basic, canary, blueGreen" },
        { """{"strategy":{"type":"canary"}}""", "strategy.phases", "a canary needs at least one phase" },
        { """{"strategy":{"type":"canary","phases":[{"percent":0},{"percent":100}]}}""", "strategy.phases[0].percent", "0 is outside 1..100" },
        { """{"strategy":{"type":"canary","phases":[{"percent":101}]}}""", "strategy.phases[0].percent", "101 is outside 1..100" },
        { """{"strategy":{"type":"canary","phases":[{"count":0},{"percent":100}]}}""", "strategy.phases[0].count", "0 must be at least 1" },
        { """{"strategy":{"type":"canary","phases":[{"count":5},{"percent":100}]}}""", "strategy.phases[0].count", "5 is above capacity.desired 4" },
        { """{"strategy":{"type":"canary","phases":[{"count":1,"percent":25},{"percent":100}]}}""", "strategy.phases[0]", "give exactly one of count and percent" },
        { """{"strategy":{"type":"canary","phases":[{"percent":50},{"percent":25},{"percent":100}]}}""", "strategy.phases[1]", "below the previous phase's target" },
        { """{"strategy":{"type":"canary","phases":[{"count":3},{"percent":50},{"percent":100}]}}""", "strategy.phases[1]", "below the previous phase's target" },
        { """{"strategy":{"type":"canary","phases":[{"percent":25},{"percent":75}]}}""", "strategy.phases[1]", "the last phase must reach 100%" },
        { """{"strategy":{"type":"canary","phases":[{"count":1},{"count":3}]}}""", "strategy.phases[1]", "must reach capacity.desired 4" },
        { """{"strategy":{"phases":[{"percent":100}]}}""", "strategy.phases", "only canary has phases" },
        { """{"strategy":{"downsizeOldAsg":false}}""", "strategy.downsizeOldAsg", "only Blue/Green" },
        { """{"strategy":{"type":"canary","phases":[{"percent":100}],"gates":{"manualApproval":true}}}""", "strategy.gates", "canary phases carry their own gates" },
        // gates
        { """{"strategy":{"gates":{"alarms":["cpu-high"]}}}""", "strategy.gates.alarms", "give a bakeTime" },
        { """{"strategy":{"gates":{"bakeTime":"0s"}}}""", "strategy.gates.bakeTime", "0s is outside 1s..24h" },
        { """{"strategy":{"gates":{"bakeTime":"25h"}}}""", "strategy.gates.bakeTime", "25h is outside 1s..24h" },
        { """{"strategy":{"gates":{"httpCheck":{"url":"ftp://x/health"}}}}""", "strategy.gates.httpCheck.url", "not an absolute http or https URL" },
        { """{"strategy":{"gates":{"approvalTimeout":"1h"}}}""", "strategy.gates.approvalTimeout", "only used with manualApproval" },
        { """{"strategy":{"gates":{"bakeTime":"5m","alarms":["a","a"]}}}""", "strategy.gates.alarms", "'a' is listed twice" },
        // AMI
        { """{"service":{"ami":{"id":"ami-12345"}}}""", "service.ami.id", "is not an AMI id" },
        { """{"service":{"ami":{"id":"AMI-0123456789ABCDEF0"}}}""", "service.ami.id", "is not an AMI id" },
        { """{"service":{"ami":{"id":null}}}""", "service.ami", "give exactly one of id and lookup" },
        { """{"service":{"ami":{"lookup":{"owners":["self"],"namePattern":"web-*"}}}}""", "service.ami", "give exactly one of id and lookup" },
        { """{"service":{"ami":{"id":null,"lookup":{"owners":["me"],"namePattern":"web-*"}}}}""", "service.ami.lookup.owners[0]", "'me' is not self, amazon" },
        { """{"service":{"ami":{"id":null,"lookup":{"owners":["self"]}}}}""", "service.ami.lookup", "give a namePattern or tags" },
        // names and limits
        { """{"service":{"name":""}}""", "service.name", "is required" },
        { """{"service":{"name":"   "}}""", "service.name", "is required" },
        { """{"environment":{"name":""}}""", "environment.name", "is required" },
        { """{"service":{"name":"we:b"}}""", "service.name", "contains ':'" },
        { """{"infrastructure":{"baseAsg":""}}""", "infrastructure.baseAsg", "is required" },
        { $$$"""{"infrastructure":{"baseAsg":"{{{new string('b', 256)}}}"}}""", "infrastructure.baseAsg", "is 256 characters; AWS allows at most 255" },
        { """{"infrastructure":{"baseAsg":"web:base"}}""", "infrastructure.baseAsg", "contains ':'" },
        { $$"""{"asgNamePrefix":"{{new string('p', 244)}}"}""", "asgNamePrefix", "at most 243 leave room" },
        { """{"asgNamePrefix":"  "}""", "asgNamePrefix", "must not be blank" },
        { """{"infrastructure":{"id":""}}""", "infrastructure.id", "is required: it names the lineage" },
        { """{"infrastructure":{"id":"web prod"}}""", "infrastructure.id", "must be 1-128 characters" },
        { """{"infrastructure":{"region":"Virginia"}}""", "infrastructure.region", "is not a region name" },
        { """{"infrastructure":{"roleArn":"arn:aws:iam::12:role/x"}}""", "infrastructure.roleArn", "is not an IAM role ARN" },
        { """{"infrastructure":{"targetGroups":["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/0123456789abcdef"]}}""", "infrastructure.targetGroups[0]", "is not a target group ARN" },
        { """{"infrastructure":{"loadBalancers":["has space"]}}""", "infrastructure.loadBalancers[0]", "is not a classic load balancer name" },
        { """{"infrastructure":{"stageTargetGroups":["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/s/0123456789abcdef"]}}""", "infrastructure.stageTargetGroups", "only Blue/Green uses stage routes" },
        { """{"strategy":{"type":"blueGreen"}}""", "infrastructure.stageTargetGroups", "Blue/Green needs stage routes" },
        { """{"strategy":{"type":"blueGreen"},"infrastructure":{"targetGroups":[],"stageTargetGroups":["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/s/0123456789abcdef"]}}""", "infrastructure.targetGroups", "Blue/Green needs prod routes" },
        { """{"strategy":{"type":"blueGreen"},"infrastructure":{"stageTargetGroups":["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-prod/0123456789abcdef"]}}""", "infrastructure.stageTargetGroups[0]", "stage and prod routes must differ" },
        // user data and variables
        { """{"service":{"userData":"echo ${missing}"}}""", "service.userData", "${missing} is not defined" },
        { $$$"""{"service":{"userData":"{{{new string('x', 16385)}}}"}}""", "service.userData", "renders to 16385 bytes; AWS allows at most 16384 before base64" },
        { """{"service":{"name":"we\u0000b"}}""", "service.name", "contains U+0000" },
        { """{"infrastructure":{"baseAsg":"web\u0000base"}}""", "infrastructure.baseAsg", "contains '\\u0000'" },
        { """{"strategy":{"gates":{"bakeTime":"500ms"}}}""", "strategy.gates.bakeTime", "500ms is outside 1s..24h" },
        { """{"strategy":{"gates":{"httpCheck":{"url":"https://x.example.com/","timeout":"1ms"}}}}""", "strategy.gates.httpCheck.timeout", "1ms is outside 1s..1h" },
        { """{"strategy":{"gates":{"manualApproval":true,"approvalTimeout":"99999h"}}}""", "strategy.gates.approvalTimeout", "99999h is outside 1m..720h" },
        { """{"timeouts":{"steadyState":"999999999h"}}""", "timeouts.steadyState", "must be a duration" },
        { """{"service":{"variables":{"1bad":"x"}}}""", "service.variables", "'1bad' is not a variable name" },
        // timeouts and retention
        { """{"timeouts":{"steadyState":"0s"}}""", "timeouts.steadyState", "0s is outside 1s..24h" },
        { """{"timeouts":{"steadyState":"1m","pollInterval":"2m"}}""", "timeouts.pollInterval", "is longer than timeouts.steadyState 1m" },
        { """{"timeouts":{"steadyState":"ten minutes"}}""", "timeouts.steadyState", "must be a duration such as 90s, 10m or 1h30m" },
        { """{"retainedOldAsgs":-1}""", "retainedOldAsgs", "-1 is negative" },
        // shape
        { """{"capacity":{"desired":"four"}}""", "capacity.desired", "must be a whole number" },
        { """{"rollbackOnFailure":"yes"}""", "rollbackOnFailure", "must be true or false" },
        { """{"capacity":{"desierd":4}}""", "capacity.desierd", "is not a field of the spec" },
        { """{"infrastructure":{"targetGroups":[null]}}""", "infrastructure.targetGroups[0]", "must not be null" },
        { """{"strategy":{"type":"canary","phases":[{"percent":100,"gates":{"alarms":[7]}}]}}""", "strategy.phases[0].gates.alarms[0]", "must be a string" },
        { """{"service":{"variables":{"a":1}}}""", "service.variables", "'a' must be a string" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_spec_breaking_a_rule_is_rejected_with_the_field_and_the_rule(string patch, string path, string message)
    {
        var result = SpecReader.Read(JsonPatch.Merge(BasicExample, patch));

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Path == path && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var patch = """{"capacity":{"min":5,"desired":12,"max":10},"service":{"ami":{"id":"ami-x"}},"infrastructure":{"region":"nowhere"},"retainedOldAsgs":-2}""";

        var result = SpecReader.Read(JsonPatch.Merge(BasicExample, patch));

        Assert.Equal(
            ["capacity.desired", "infrastructure.region", "retainedOldAsgs", "service.ami.id"],
            result.Problems.Select(p => p.Path).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void User_data_of_exactly_16_KB_is_accepted()
    {
        var result = SpecReader.Read(JsonPatch.Merge(BasicExample, $$$"""{"service":{"userData":"{{{new string('x', 16384)}}}"}}"""));

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Theory]
    [InlineData("basic.json")]
    [InlineData("canary.json")]
    [InlineData("canary-http-check.json")]
    [InlineData("blue-green.json")]
    [InlineData("harness-migration.json")]
    public void The_example_specs_are_valid(string file)
    {
        var result = SpecReader.Read(File.ReadAllText(Path.Combine(SampleSpecs.ExamplesFolder, file)));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Defaults_follow_the_semantics()
    {
        var minimal = """
            {"service":{"name":"web","ami":{"id":"ami-0123456789abcdef0"}},"environment":{"name":"prod"},
             "infrastructure":{"id":"web-prod","region":"us-east-1","baseAsg":"web-base"},
             "capacity":{"min":1,"desired":2,"max":3}}
            """;

        var spec = SpecReader.Read(minimal).Spec!;

        Assert.Equal(StrategyType.Basic, spec.Strategy.Type);
        Assert.Equal(ResizeStrategy.ResizeNewFirst, spec.ResizeStrategy);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Timeouts.SteadyState.Value);
        Assert.Equal(TimeSpan.FromSeconds(15), spec.Timeouts.PollInterval.Value);
        Assert.True(spec.RollbackOnFailure);
        Assert.Equal(3, spec.RetainedOldAsgs);
        Assert.Equal(LineageTagMode.Ours, spec.Infrastructure.LineageTag);
    }

    [Fact]
    public void A_null_where_an_object_belongs_is_a_problem_and_so_is_the_field_next_to_it()
    {
        var text = BasicExample.Replace("\"capacity\": {", "\"capacity\": null, \"unused\": {", StringComparison.Ordinal);

        var result = SpecReader.Read(text);

        Assert.Equal(
            [new SpecProblem("capacity", "must not be null"), new SpecProblem("unused", "is not a field of the spec (check the spelling)")],
            result.Problems);
    }

    /// <summary>Problems come in the order of the text, then the rules broken by what could be read.</summary>
    [Fact]
    public void Type_errors_unknown_fields_and_rule_violations_are_all_reported_each_once_with_its_path()
    {
        var patch = """{"strategy":{"type":"canery"},"capacity":{"min":"two","desired":12,"max":10},"rollbakOnFailure":true}""";

        var result = SpecReader.Read(JsonPatch.Merge(BasicExample, patch));

        Assert.Equal(
            [
                ("capacity.min", "must be a whole number"),
                ("strategy.type", "'canery' is not one of basic, canary, blueGreen"),
                ("rollbakOnFailure", "is not a field of the spec (check the spelling)"),
                ("capacity.desired", "12 is above capacity.max 10"),
            ],
            result.Problems.Select(p => (p.Path, p.Message)));
    }

    /// <summary>A value that cannot be read is unknown: rules that would read it are not checked, so its absence causes no second problem.</summary>
    public static TheoryData<string, string> Unreadable => new()
    {
        { """{"capacity":{"min":"two"}}""", "capacity.min" },
        { """{"capacity":"big"}""", "capacity" },
        { """{"capacity":{"mode":"fixd"}}""", "capacity.mode" },
        { """{"strategy":{"type":"canery","phases":[{"percent":50},{"percent":100}]}}""", "strategy.type" },
        { """{"strategy":{"type":"canary","phases":[{"percent":"half"},{"percent":100}]}}""", "strategy.phases[0].percent" },
        { """{"strategy":{"type":"canary","phases":"all at once"}}""", "strategy.phases" },
        { """{"strategy":{"gates":{"bakeTime":"soon","alarms":["cpu-high"]}}}""", "strategy.gates.bakeTime" },
        { """{"strategy":{"gates":{"manualApproval":"yes","approvalTimeout":"1h"}}}""", "strategy.gates.manualApproval" },
        { """{"strategy":{"type":"blueGreen"},"infrastructure":{"stageTargetGroups":"web-stage"}}""", "infrastructure.stageTargetGroups" },
        { """{"strategy":{"type":"blueGreen"},"infrastructure":{"stageLoadBalancers":"web-stage"}}""", "infrastructure.stageLoadBalancers" },
        { """{"strategy":{"type":"blueGreen"},"infrastructure":{"targetGroups":[],"loadBalancers":{},"stageLoadBalancers":["web-stage"]}}""", "infrastructure.loadBalancers" },
        { """{"strategy":{"type":"canery","downsizeOldAsg":true,"gates":{"manualApproval":true}}}""", "strategy.type" },
        { """{"strategy":{"type":"canery","phases":[]},"infrastructure":{"stageLoadBalancers":["web-stage"]}}""", "strategy.type" },
        { """{"infrastructure":{"targetGroups":[7]}}""", "infrastructure.targetGroups[0]" },
        { """{"timeouts":{"steadyState":"ten minutes","pollInterval":"15m"}}""", "timeouts.steadyState" },
        { """{"service":{"variables":{"serviceName":1}}}""", "service.variables" },
        { """{"service":{"userData":"echo ${region}"},"environment":{"variables":{"region":1}}}""", "environment.variables" },
        { """{"capacity":{"mode":"fixd"},"strategy":{"type":"canary","phases":[{"count":5},{"percent":100}]}}""", "capacity.mode" },
        { """{"capacity":{"mode":"fixd","fallback":{"min":0,"desired":1,"max":1}}}""", "capacity.mode" },
        { """{"service":{"ami":{"id":42}}}""", "service.ami.id" },
        { """{"asgNamePrefix":5}""", "asgNamePrefix" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void A_value_that_cannot_be_read_is_reported_once_and_causes_no_derived_problem(string patch, string path)
    {
        var result = SpecReader.Read(JsonPatch.Merge(BasicExample, patch));

        Assert.Equal([path], result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void An_unreadable_strategy_type_does_not_hide_what_is_wrong_with_the_phases()
    {
        var result = SpecReader.Read(JsonPatch.Merge(BasicExample, """{"strategy":{"type":"canery","phases":[{"percent":0},{"percent":100}]}}"""));

        Assert.Equal(["strategy.type", "strategy.phases[0].percent"], result.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Every_unreadable_element_of_a_list_is_reported()
    {
        var result = SpecReader.Read(JsonPatch.Merge(BasicExample, """{"infrastructure":{"targetGroups":[1,null]}}"""));

        Assert.Equal(
            [new SpecProblem("infrastructure.targetGroups[0]", "must be a string"), new SpecProblem("infrastructure.targetGroups[1]", "must not be null")],
            result.Problems);
    }

    [Theory]
    [InlineData("{bad json", "$", "line 1")]
    [InlineData("[]", "$", "must be an object")]
    [InlineData("null", "$", "must be a JSON object")]
    [InlineData("", "$", "line 1")]
    public void Text_that_is_not_a_spec_object_is_a_problem_not_an_exception(string text, string path, string message)
    {
        var result = SpecReader.Read(text);

        Assert.Contains(result.Problems, p => p.Path == path && p.Message.Contains(message, StringComparison.Ordinal));
    }
}
