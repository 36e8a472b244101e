using Akka.Hosting;
using AmiOrchestrator.Actors.Tests.Support;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.TestSupport.Cloud;

namespace AmiOrchestrator.Actors.Tests.Deployments;

/// <summary>
/// The crash matrix: for each strategy, the engine is stopped right after each of the deployment's journal writes in
/// turn (the journal refuses the next write, as a dead process would never make it, and the actor system is
/// terminated), then a fresh actor system starts on the same SQLite file and is sent no message. The deployment must
/// resume by itself, succeed, and leave the region exactly as a run without a crash does, with nothing created twice.
/// Writes are the crash points: a decision's events go to the journal in one atomic write, so no crash can fall
/// between them. A crash point whose write started a change to the cloud is a crash between that cloud call and the
/// event that records it: the call was made, its outcome was never written.
/// </summary>
public sealed class CrashMatrixSpecs(ITestOutputHelper output)
{
    private const double Speed = 100;

    public static TheoryData<string> Strategies => ["basic", "canary", "blueGreen"];

    private static DeploymentSpec SpecFor(string strategy)
    {
        var spec = strategy switch
        {
            "canary" => WebSpecs.Canary(50, 100),
            "blueGreen" => WebSpecs.BlueGreen(),
            _ => WebSpecs.Basic(),
        };
        // A generous steady-state timeout: at 100x a busy machine must not turn a slow poll into a failed deployment.
        return spec with { Timeouts = spec.Timeouts with { SteadyState = Duration.FromHours(1) } };
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task A_deployment_resumes_by_itself_from_a_crash_after_every_journal_write(string strategy)
    {
        var spec = SpecFor(strategy);
        var reference = await RunAsync(spec, crashAfterWrites: null);
        Assert.Equal(DeploymentStatus.Succeeded, reference.State.Status);
        var points = reference.Written.Count;
        var betweenCallAndRecord = reference.Written.Count(write => write.OfType<StepStarted>().Any(s => s.Step.Action.MutatedAsg is not null || s.Step.Action is CreateLaunchTemplateVersion or CreateLaunchTemplate));

        var failures = new List<string>();
        using var parallel = new SemaphoreSlim(3);
        await Task.WhenAll(Enumerable.Range(1, points).Select(async k =>
        {
            await parallel.WaitAsync();
            try
            {
                var crashed = await RunAsync(spec, k);
                if (crashed.State.Status != DeploymentStatus.Succeeded)
                    failures.Add($"crash after write {k}: ended {crashed.State.Status} ({crashed.State.FailureReason})");
                else if (crashed.Region != reference.Region)
                    failures.Add($"crash after write {k}: the region differs from the uncrashed run's:\n{crashed.Region}\nexpected:\n{reference.Region}");
            }
            finally
            {
                parallel.Release();
            }
        }));

        output.WriteLine($"{strategy}: {points} crash points covered, {betweenCallAndRecord} of them between a cloud call (a change) and the event that records it");
        foreach (var failure in failures)
            output.WriteLine(failure);
        Assert.Empty(failures);
    }

    private async Task<(DeploymentState State, string Region, IReadOnlyList<IReadOnlyList<object>> Written)> RunAsync(DeploymentSpec spec, int? crashAfterWrites)
    {
        var plan = new CrashPlan(crashAfterWrites);
        await using var engine = await DeploymentEngine.StartAsync(
            output,
            speed: Speed,
            configure: akka => akka.AddHocon(FaultyJournal.Hocon, HoconAddMode.Prepend),
            beforeStart: connectionString => FaultyJournal.Arm(connectionString, plan));
        try
        {
            var reply = await engine.SubmitAsync("crash-1", spec);
            Assert.True(reply.Accepted, reply.Message);
            var ended = engine.AwaitEndInJournalAsync("crash-1", TimeSpan.FromMinutes(2));
            await Task.WhenAny(plan.Crashed, ended);
            if (plan.HasCrashed)
            {
                await engine.RestartAsync();
                FaultyJournal.Disarm(engine.ConnectionString);
            }
            var state = await engine.AwaitEndInJournalAsync("crash-1", TimeSpan.FromMinutes(2));
            // The new group may still be draining its last terminations; the region is compared once everything settled.
            await Task.Delay(TimeSpan.FromMinutes(1), engine.Region.Clock);
            return (state, await RegionSnapshot.TakeAsync(engine.Region.Cloud, identifiers: false), plan.Written);
        }
        finally
        {
            FaultyJournal.Disarm(engine.ConnectionString);
        }
    }
}
