using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Planning;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// Every static rule of a spec (SEMANTICS.md "Inputs"), reported all at once, each naming the field and the rule.
/// Nothing is guessed: where Harness silently raised MaxSize or fell back to defaults, this reports a problem.
/// Rules that need the cloud (the running capacity for <c>sameAsRunning</c>) are checked at setup by the planner.
/// A field whose value could not be read is unknown: no rule that reads it is checked and nothing is reported at, above
/// or below its path, so that the one problem with its value is not followed by the noise its absence would cause.
/// </summary>
public static partial class SpecValidator
{
    /// <summary>AWS's limit on user data: 16 KB in raw form, before it is base64-encoded.</summary>
    public const int MaxUserDataBytes = 16384;

    public static ValueList<SpecProblem> Validate(DeploymentSpec spec) => Validate(spec, new HashSet<string>());

    /// <summary>The rules of <paramref name="spec"/>, leaving out those that read an <paramref name="unreadable"/> path.</summary>
    internal static ValueList<SpecProblem> Validate(DeploymentSpec spec, IReadOnlySet<string> unreadable)
    {
        var problems = new List<SpecProblem>();
        bool Known(string path) => !unreadable.Any(u => Encloses(u, path) || Encloses(path, u));
        void Report(string path, string message)
        {
            if (Known(path))
                problems.Add(new SpecProblem(path, message));
        }

        CheckService(spec, Report, Known);
        CheckEnvironment(spec.Environment, Report);
        CheckInfrastructure(spec, Report, Known);
        CheckPrefix(spec, Report);
        CheckCapacity(spec.Capacity, Report, Known);
        CheckStrategy(spec, Report, Known);
        CheckTimeouts(spec.Timeouts, Report, Known);
        if (spec.RetainedOldAsgs < 0)
            Report("retainedOldAsgs", $"{spec.RetainedOldAsgs} is negative");
        return problems.ToValueList();
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="outer"/> or lies inside it (<c>a</c> encloses <c>a.b</c> and <c>a[0]</c>).</summary>
    private static bool Encloses(string outer, string path) =>
        path.StartsWith(outer, StringComparison.Ordinal) && (path.Length == outer.Length || path[outer.Length] is '.' or '[');

    private static void CheckService(DeploymentSpec spec, Action<string, string> report, Func<string, bool> known)
    {
        var service = spec.Service;
        CheckDisplayName("service.name", service.Name, report);
        CheckAmi(service.Ami, report);
        CheckVariables("service.variables", service.Variables, report);
        // What user data renders to depends on every variable.
        if (service.UserData is { } userData && known("service.variables") && known("environment.variables"))
        {
            var variables = service.Variables.Merge(spec.Environment.Variables);
            var rendered = UserDataTemplate.Render(userData, variables);
            foreach (var missing in rendered.Undefined)
                report("service.userData", $"${{{missing}}} is not defined by service.variables or environment.variables (write $${{{missing}}} for a literal ${{{missing}}})");
            var bytes = Encoding.UTF8.GetByteCount(rendered.Text);
            if (bytes > MaxUserDataBytes)
                report("service.userData", $"renders to {bytes} bytes; AWS allows at most {MaxUserDataBytes} before base64 encoding");
        }
    }

    private static void CheckAmi(AmiSpec ami, Action<string, string> report)
    {
        if ((ami.Id is null) == (ami.Lookup is null))
        {
            report("service.ami", "give exactly one of id and lookup");
            return;
        }
        if (ami.Id is { } id && !AmiIdPattern().IsMatch(id))
            report("service.ami.id", $"'{id}' is not an AMI id (ami- followed by 8 or 17 hexadecimal digits)");
        if (ami.Lookup is not { } lookup)
            return;
        if (lookup.Owners.Count == 0)
            report("service.ami.lookup.owners", "must name at least one owner (self, amazon, aws-marketplace or an account id)");
        for (var i = 0; i < lookup.Owners.Count; i++)
        {
            if (!OwnerPattern().IsMatch(lookup.Owners[i]))
                report($"service.ami.lookup.owners[{i}]", $"'{lookup.Owners[i]}' is not self, amazon, aws-marketplace or a 12-digit account id");
        }
        if (string.IsNullOrWhiteSpace(lookup.NamePattern) && lookup.Tags.Count == 0)
            report("service.ami.lookup", "give a namePattern or tags (or both), or the lookup would take any image of the owners");
        if (lookup.NamePattern is { Length: > 128 } pattern)
            report("service.ami.lookup.namePattern", $"is {pattern.Length} characters; AMI names have at most 128");
        foreach (var key in lookup.Tags.Keys.Where(k => k.Length is 0 or > 128))
            report("service.ami.lookup.tags", $"tag key '{key}' must have 1-128 characters");
    }

    private static void CheckEnvironment(EnvironmentSpec environment, Action<string, string> report)
    {
        CheckDisplayName("environment.name", environment.Name, report);
        CheckVariables("environment.variables", environment.Variables, report);
    }

    private static void CheckInfrastructure(DeploymentSpec spec, Action<string, string> report, Func<string, bool> known)
    {
        var infrastructure = spec.Infrastructure;
        if (string.IsNullOrWhiteSpace(infrastructure.Id))
            report("infrastructure.id", "is required: it names the lineage");
        else if (!InfrastructureIdPattern().IsMatch(infrastructure.Id))
            report("infrastructure.id", $"'{infrastructure.Id}' must be 1-128 characters of letters, digits and . _ - : / = + @");
        if (string.IsNullOrWhiteSpace(infrastructure.Region))
            report("infrastructure.region", "is required");
        else if (!RegionPattern().IsMatch(infrastructure.Region))
            report("infrastructure.region", $"'{infrastructure.Region}' is not a region name such as us-east-1");
        if (string.IsNullOrWhiteSpace(infrastructure.BaseAsg))
            report("infrastructure.baseAsg", "is required: the group used as a template");
        else if (AsgNaming.ProblemWithName(infrastructure.BaseAsg) is { } nameProblem)
            report("infrastructure.baseAsg", nameProblem);
        if (infrastructure.RoleArn is { } roleArn && !RoleArnPattern().IsMatch(roleArn))
            report("infrastructure.roleArn", $"'{roleArn}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)");

        CheckRoutes("infrastructure.targetGroups", infrastructure.TargetGroups, TargetGroupArnPattern(), "a target group ARN", report);
        CheckRoutes("infrastructure.stageTargetGroups", infrastructure.StageTargetGroups, TargetGroupArnPattern(), "a target group ARN", report);
        CheckRoutes("infrastructure.loadBalancers", infrastructure.LoadBalancers, LoadBalancerNamePattern(), "a classic load balancer name (1-32 letters, digits and hyphens)", report);
        CheckRoutes("infrastructure.stageLoadBalancers", infrastructure.StageLoadBalancers, LoadBalancerNamePattern(), "a classic load balancer name (1-32 letters, digits and hyphens)", report);
        CheckDisjoint("infrastructure.stageTargetGroups", infrastructure.StageTargetGroups, "infrastructure.targetGroups", infrastructure.TargetGroups, report);
        CheckDisjoint("infrastructure.stageLoadBalancers", infrastructure.StageLoadBalancers, "infrastructure.loadBalancers", infrastructure.LoadBalancers, report);

        if (!known("strategy.type"))
            return;
        var hasStage = infrastructure.StageTargetGroups.Count > 0 || infrastructure.StageLoadBalancers.Count > 0;
        if (spec.Strategy.Type == StrategyType.BlueGreen)
        {
            if (!hasStage && known("infrastructure.stageLoadBalancers"))
                report("infrastructure.stageTargetGroups", "Blue/Green needs stage routes: give stageTargetGroups or stageLoadBalancers");
            if (infrastructure.TargetGroups.Count == 0 && infrastructure.LoadBalancers.Count == 0 && known("infrastructure.loadBalancers"))
                report("infrastructure.targetGroups", "Blue/Green needs prod routes to swap to: give targetGroups or loadBalancers");
        }
        else
        {
            if (infrastructure.StageTargetGroups.Count > 0)
                report("infrastructure.stageTargetGroups", "only Blue/Green uses stage routes");
            if (infrastructure.StageLoadBalancers.Count > 0)
                report("infrastructure.stageLoadBalancers", "only Blue/Green uses stage routes");
        }
    }

    private static void CheckPrefix(DeploymentSpec spec, Action<string, string> report)
    {
        if (spec.AsgNamePrefix is { } explicitPrefix)
        {
            if (string.IsNullOrWhiteSpace(explicitPrefix))
                report("asgNamePrefix", "must not be blank (leave it out for <service>__<environment>)");
            else if (AsgNaming.ProblemWithPrefix(AsgNaming.NormalizePrefix(explicitPrefix)) is { } problem)
                report("asgNamePrefix", problem);
            return;
        }
        if (string.IsNullOrWhiteSpace(spec.Service.Name) || string.IsNullOrWhiteSpace(spec.Environment.Name))
            return;
        if (AsgNaming.ProblemWithPrefix(AsgNaming.PrefixFor(spec)) is { } defaultProblem)
            report("asgNamePrefix", $"the default prefix <service>__<environment> {defaultProblem}; set asgNamePrefix");
    }

    private static void CheckCapacity(CapacitySpec capacity, Action<string, string> report, Func<string, bool> known)
    {
        // Which numbers a spec must give, and which it must not, depends on the mode.
        if (!known("capacity.mode"))
            return;
        if (capacity.Mode == CapacityMode.Fixed)
        {
            CheckNumbers("capacity", capacity.Min, capacity.Desired, capacity.Max, "when mode is fixed", report);
            if (capacity.Fallback is not null)
                report("capacity.fallback", "is only used when mode is sameAsRunning");
            return;
        }
        const string copied = "is not used when mode is sameAsRunning (the previous group's sizes are copied; capacity.fallback covers a lineage with none running)";
        if (capacity.Min is not null)
            report("capacity.min", copied);
        if (capacity.Desired is not null)
            report("capacity.desired", copied);
        if (capacity.Max is not null)
            report("capacity.max", copied);
        if (capacity.Fallback is { } fallback)
            CheckNumbers("capacity.fallback", fallback.Min, fallback.Desired, fallback.Max, "", report);
    }

    private static void CheckNumbers(string path, int? min, int? desired, int? max, string when, Action<string, string> report)
    {
        var whenText = when.Length == 0 ? "" : " " + when;
        if (min is null)
            report(path + ".min", "is required" + whenText);
        else if (min < 0)
            report(path + ".min", $"{min} is negative");
        if (desired is null)
            report(path + ".desired", "is required" + whenText);
        else if (desired < 1)
            report(path + ".desired", $"{desired} must be at least 1: a deployment with no instances has nothing to roll out");
        if (max is null)
            report(path + ".max", "is required" + whenText);
        else if (max < 0)
            report(path + ".max", $"{max} is negative");
        if (min >= 0 && desired >= 1 && min > desired)
            report(path + ".desired", $"{desired} is below {path}.min {min}");
        if (desired >= 1 && max >= 0 && desired > max)
            report(path + ".desired", $"{desired} is above {path}.max {max}");
        if (min >= 0 && max >= 0 && min > max && desired is null)
            report(path + ".min", $"{min} is above {path}.max {max}");
    }

    private static void CheckStrategy(DeploymentSpec spec, Action<string, string> report, Func<string, bool> known)
    {
        var strategy = spec.Strategy;
        // An unreadable type leaves out the rules about which strategy may have what; phases and gates are still
        // checked on their own terms (only a canary has phases, so they are checked as a canary's).
        StrategyType? type = known("strategy.type") ? strategy.Type : null;
        if (type is not (null or StrategyType.BlueGreen) && strategy.DownsizeOldAsg is not null)
            report("strategy.downsizeOldAsg", "only Blue/Green downsizes the old group after its swap");
        if (type is { } notCanary and not StrategyType.Canary)
        {
            if (strategy.Phases.Count > 0)
                report("strategy.phases", $"only canary has phases; {CamelCaseEnumConverter<StrategyType>.NameOf(notCanary)} runs one phase at 100%");
            if (strategy.Gates is { } gates)
                CheckGates("strategy.gates", gates, report, known);
            return;
        }
        if (strategy.Gates is { } strategyGates)
        {
            if (type is null)
                CheckGates("strategy.gates", strategyGates, report, known);
            else
                report("strategy.gates", "canary phases carry their own gates (strategy.phases[i].gates)");
        }
        if (strategy.Phases.Count == 0)
        {
            if (type is not null)
                report("strategy.phases", "a canary needs at least one phase");
            return;
        }
        int? desired = known("capacity.mode") && spec.Capacity.Mode == CapacityMode.Fixed && spec.Capacity.Desired >= 1 ? spec.Capacity.Desired : null;
        var previousTarget = 0;
        var targetsComparable = true;
        for (var i = 0; i < strategy.Phases.Count; i++)
        {
            var phase = strategy.Phases[i];
            var path = $"strategy.phases[{i}]";
            if (phase.Gates is { } gates)
                CheckGates(path + ".gates", gates, report, known);
            if ((phase.Count is null) == (phase.Percent is null))
            {
                report(path, "give exactly one of count and percent");
                targetsComparable = false;
                continue;
            }
            if (phase.Percent is { } percent and (< 1 or > 100))
            {
                report(path + ".percent", $"{percent} is outside 1..100");
                targetsComparable = false;
                continue;
            }
            if (phase.Count is { } count)
            {
                if (count < 1)
                {
                    report(path + ".count", $"{count} must be at least 1");
                    targetsComparable = false;
                    continue;
                }
                if (desired is { } d && count > d)
                {
                    report(path + ".count", $"{count} is above capacity.desired {d}");
                    targetsComparable = false;
                    continue;
                }
            }
            // Counts and percents compare only once desired is known; with sameAsRunning that is at setup.
            var target = desired is { } finalDesired ? PhaseMath.Target(phase, finalDesired) : phase.Percent;
            if (target is null || !targetsComparable)
            {
                targetsComparable = false;
                continue;
            }
            if (target < previousTarget)
                report(path, $"{Describe(phase)} is below the previous phase's target: phase targets are cumulative and never go down");
            previousTarget = Math.Max(previousTarget, target.Value);
        }
        var last = strategy.Phases[^1];
        var lastPath = $"strategy.phases[{strategy.Phases.Count - 1}]";
        if (last.Percent is >= 1 and < 100 && last.Count is null)
            report(lastPath, $"the last phase must reach 100%; it reaches {Describe(last)}");
        else if (last.Count is { } lastCount && last.Percent is null && desired is { } final && lastCount >= 1 && lastCount < final)
            report(lastPath, $"the last phase must reach capacity.desired {final}; it reaches {Describe(last)}");
    }

    private static void CheckGates(string path, GatesSpec gates, Action<string, string> report, Func<string, bool> known)
    {
        if (gates.BakeTime is { } bake && (bake.Value < TimeSpan.FromSeconds(1) || bake.Value > TimeSpan.FromHours(24)))
            report(path + ".bakeTime", $"{bake} is outside 1s..24h");
        if (gates.Alarms.Count > 0 && gates.BakeTime is null && known(path + ".bakeTime"))
            report(path + ".alarms", "alarms are watched during the bake time; give a bakeTime");
        for (var i = 0; i < gates.Alarms.Count; i++)
        {
            if (gates.Alarms[i].Length is 0 or > 255)
                report($"{path}.alarms[{i}]", "alarm names have 1-255 characters");
        }
        foreach (var duplicate in gates.Alarms.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1))
            report(path + ".alarms", $"'{duplicate.Key}' is listed twice");
        if (gates.HttpCheck is { } check)
        {
            if (!Uri.TryCreate(check.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                report(path + ".httpCheck.url", $"'{check.Url}' is not an absolute http or https URL");
            if (check.Timeout.Value < TimeSpan.FromSeconds(1) || check.Timeout.Value > TimeSpan.FromHours(1))
                report(path + ".httpCheck.timeout", $"{check.Timeout} is outside 1s..1h");
        }
        if (gates.ApprovalTimeout is { } approvalTimeout)
        {
            if (!gates.ManualApproval && known(path + ".manualApproval"))
                report(path + ".approvalTimeout", "is only used with manualApproval");
            else if (approvalTimeout.Value < TimeSpan.FromMinutes(1) || approvalTimeout.Value > TimeSpan.FromDays(30))
                report(path + ".approvalTimeout", $"{approvalTimeout} is outside 1m..720h");
        }
    }

    private static void CheckTimeouts(TimeoutsSpec timeouts, Action<string, string> report, Func<string, bool> known)
    {
        if (timeouts.SteadyState.Value < TimeSpan.FromSeconds(1) || timeouts.SteadyState.Value > TimeSpan.FromHours(24))
            report("timeouts.steadyState", $"{timeouts.SteadyState} is outside 1s..24h");
        if (timeouts.PollInterval.Value < TimeSpan.FromMilliseconds(100))
            report("timeouts.pollInterval", $"{timeouts.PollInterval} is shorter than 100ms");
        else if (timeouts.PollInterval > timeouts.SteadyState && known("timeouts.steadyState"))
            report("timeouts.pollInterval", $"{timeouts.PollInterval} is longer than timeouts.steadyState {timeouts.SteadyState}");
    }

    private static void CheckDisplayName(string path, string name, Action<string, string> report)
    {
        if (string.IsNullOrWhiteSpace(name))
            report(path, "is required");
        else if (name.Length > 128)
            report(path, $"is {name.Length} characters; at most 128");
        else if (name.AsSpan().IndexOfAnyExceptInRange(' ', '~') is var outside and >= 0)
            report(path, $"contains U+{(int)name[outside]:X4}; names use printable ASCII except ':'");
        else if (name.Contains(':', StringComparison.Ordinal))
            report(path, "contains ':'; names use printable ASCII except ':'");
    }

    private static void CheckVariables(string path, ValueMap variables, Action<string, string> report)
    {
        foreach (var name in variables.Keys.Where(k => !VariableNamePattern().IsMatch(k)))
            report(path, $"'{name}' is not a variable name (a letter or _, then letters, digits, _ . -; at most 128)");
    }

    private static void CheckRoutes(string path, ValueList<string> routes, Regex pattern, string what, Action<string, string> report)
    {
        for (var i = 0; i < routes.Count; i++)
        {
            if (!pattern.IsMatch(routes[i]))
                report($"{path}[{i}]", $"'{routes[i]}' is not {what}");
        }
        foreach (var duplicate in routes.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1))
            report(path, $"'{duplicate.Key}' is listed twice");
    }

    private static void CheckDisjoint(string path, ValueList<string> stage, string otherPath, ValueList<string> prod, Action<string, string> report)
    {
        for (var i = 0; i < stage.Count; i++)
        {
            if (prod.Contains(stage[i], StringComparer.Ordinal))
                report($"{path}[{i}]", $"'{stage[i]}' is also in {otherPath}; stage and prod routes must differ");
        }
    }

    private static string Describe(PhaseSpec phase) =>
        phase.Percent is { } percent
            ? percent.ToString(CultureInfo.InvariantCulture) + "%"
            : (phase.Count ?? 0).ToString(CultureInfo.InvariantCulture) + " instance(s)";

    [GeneratedRegex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex AmiIdPattern();

    [GeneratedRegex("^(self|amazon|aws-marketplace|[0-9]{12})$")]
    private static partial Regex OwnerPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/=+@-]{0,127}$")]
    private static partial Regex InfrastructureIdPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^arn:aws(-[a-z]+)*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$")]
    private static partial Regex TargetGroupArnPattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$")]
    private static partial Regex LoadBalancerNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex VariableNamePattern();
}
