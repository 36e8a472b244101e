using System.Globalization;
using AmiOrchestrator.Bench;
using AmiOrchestrator.Bench.Engine;
using AmiOrchestrator.Bench.Reporting;
using AmiOrchestrator.Bench.Scenarios;
using AmiOrchestrator.TestSupport;

// The benchmarks (bench/README.md):
//   dotnet run -c Release --project bench/Bench -- quick
//   dotnet run -c Release --project bench/Bench -- full [--scenarios journal,throughput,concurrency,recovery,calls] [--out FILE] [--no-postgres]
// Sizes of either run can be lowered (or raised) one by one: --in-flight N, --recovery N, --journal-writes N (per writer),
// --throughput 1:10,100:1000 (concurrent:deployments), --call-levels 1,100.
// "node" is the hidden mode in which the concurrency and recovery scenarios run an engine node as a child process.
if (args.Length > 0 && args[0] == NodeProcess.Verb)
    return await NodeProcess.RunChildAsync(args[1..]);

var scenarios = new Dictionary<string, Func<BenchContext, Task>>(StringComparer.Ordinal)
{
    ["journal"] = JournalScenario.RunAsync,
    ["throughput"] = ThroughputScenario.RunAsync,
    ["concurrency"] = ConcurrencyScenario.RunAsync,
    ["recovery"] = RecoveryScenario.RunAsync,
    ["calls"] = CallsScenario.RunAsync,
};
Plan? plan = null;
var selected = scenarios.Keys.ToList();
string? output = null;
var postgres = true;
var overrides = new List<Func<Plan, Plan>>();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "quick":
            plan = Plan.Quick;
            break;
        case "full":
            plan = Plan.Full;
            break;
        case "--scenarios" when value is not null:
            selected = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            i++;
            break;
        case "--out" when value is not null:
            output = value;
            i++;
            break;
        case "--no-postgres":
            postgres = false;
            break;
        case "--in-flight" when int.TryParse(value, CultureInfo.InvariantCulture, out var inFlight) && inFlight > 0:
            overrides.Add(p => p with { InFlight = inFlight });
            i++;
            break;
        case "--recovery" when int.TryParse(value, CultureInfo.InvariantCulture, out var recovering) && recovering > 0:
            overrides.Add(p => p with { RecoveryDeployments = recovering });
            i++;
            break;
        case "--journal-writes" when int.TryParse(value, CultureInfo.InvariantCulture, out var writes) && writes > 0:
            overrides.Add(p => p with { JournalWritesPerWriter = writes });
            i++;
            break;
        case "--throughput" when Plan.ParseLevels(value) is { } levels:
            overrides.Add(p => p with { Throughput = levels });
            i++;
            break;
        case "--call-levels" when Plan.ParseCounts(value) is { } counts:
            overrides.Add(p => p with { CallLevels = counts });
            i++;
            break;
        default:
            return Usage($"unknown or incomplete option '{args[i]}'");
    }
}
if (plan is null)
    return Usage("say which run: quick or full");
plan = overrides.Aggregate(plan, (p, change) => change(p));
if (selected.FirstOrDefault(s => !scenarios.ContainsKey(s)) is { } unknown)
    return Usage($"--scenarios: '{unknown}' is not one of {string.Join(", ", scenarios.Keys)}");

var machine = Machine.Now();
output ??= Path.Combine("bench", "results", plan.Name + ".md");
var report = new Report(output, "dotnet run -c Release --project bench/Bench -- " + string.Join(' ', args), machine);
report.Start();
Console.WriteLine($"{plan.Name} run of {string.Join(", ", selected)} on {machine.Describe()}; results to {output}");
var folder = Directory.CreateTempSubdirectory("ami-orchestrator-bench-").FullName;
await using var server = postgres && plan.Postgres ? PostgresServer.Durable() : null;
if (server is not null)
    await server.InitializeAsync();
try
{
    var context = new BenchContext(plan, report, folder, server);
    foreach (var name in selected)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await scenarios[name](context);
        Console.WriteLine($"{name} took {watch.Elapsed.TotalSeconds:F0} s");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}
return 0;

static int Usage(string problem)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine("usage: AmiOrchestrator.Bench quick|full [--scenarios journal,throughput,concurrency,recovery,calls] [--out FILE] [--no-postgres]");
    Console.Error.WriteLine("       [--in-flight N] [--recovery N] [--journal-writes N] [--throughput C:N,C:N] [--call-levels N,N]");
    return 2;
}
