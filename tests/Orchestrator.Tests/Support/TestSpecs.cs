namespace AmiOrchestrator.Orchestrator.Tests.Support;

/// <summary>
/// Specs for deploy/simulator/example.json's region, each in a lineage (and under a name prefix) of its own, so that
/// deployments of one test never wait for or collide with another's. The prefix starts with <c>checkout</c>: the
/// example region's lifecycle-hook handlers complete the hooks of groups named <c>checkout*</c> (and only those).
/// </summary>
internal static class TestSpecs
{
    public const string TargetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-prod/0123456789abcdef";
    public const string GoodImage = "ami-0a1b2c3d4e5f60002";
    public const string NeverHealthyImage = "ami-0a1b2c3d4e5f6dead";

    /// <summary>Basic: one phase, no gate.</summary>
    public static string Basic(string lineage) => Spec(lineage, GoodImage, """{ "type": "basic" }""");

    /// <summary>Basic, with a manual approval gate after the only phase.</summary>
    public static string Gated(string lineage) => Spec(lineage, GoodImage, """{ "type": "basic", "gates": { "manualApproval": true } }""");

    /// <summary>An AMI whose instances never pass the load balancer's health check: the wait fails and the deployment rolls back.</summary>
    public static string NeverHealthy(string lineage) => Spec(lineage, NeverHealthyImage, """{ "type": "basic" }""", steadyState: "3m");

    /// <summary>
    /// Two canary phases, the first baking for 4 minutes, and deadlines long enough for a node to die and its shards to
    /// move: with a sped-up clock every real second of failover is many simulated ones.
    /// </summary>
    public static string Canary(string lineage) =>
        Spec(lineage, GoodImage, """{ "type": "canary", "phases": [ { "percent": 50, "gates": { "bakeTime": "4m" } }, { "percent": 100 } ] }""", steadyState: "60m");

    /// <summary>The name of the group a first deployment in <paramref name="lineage"/> creates ('-' in a prefix becomes '__').</summary>
    public static string FirstGroup(string lineage) => $"checkout__{lineage.Replace("-", "__", StringComparison.Ordinal)}__1";

    public static string Write(TestSupport.TestFolder folder, string name, string json)
    {
        var path = folder.File(name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Spec(string lineage, string image, string strategy, string steadyState = "20m") => $$"""
        {
          "service": { "name": "checkout", "ami": { "id": "{{image}}" } },
          "environment": { "name": "test" },
          "infrastructure": { "id": "{{lineage}}", "region": "us-east-1", "baseAsg": "checkout-base", "targetGroups": ["{{TargetGroup}}"] },
          "asgNamePrefix": "checkout-{{lineage}}",
          "capacity": { "mode": "fixed", "min": 2, "desired": 4, "max": 8 },
          "strategy": {{strategy}},
          "timeouts": { "steadyState": "{{steadyState}}", "pollInterval": "15s" }
        }
        """;
}
