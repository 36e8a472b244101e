using AmiOrchestrator.Simulator.AutoScaling;
using AmiOrchestrator.Simulator.AutoScaling.Health;
using AmiOrchestrator.Simulator.AutoScaling.Lifecycle;
using AmiOrchestrator.Simulator.AutoScaling.Scaling;
using AmiOrchestrator.Simulator.AutoScaling.Scheduling;
using AmiOrchestrator.Simulator.CloudWatch;
using AmiOrchestrator.Simulator.Ec2;
using AmiOrchestrator.Simulator.Fixtures;
using AmiOrchestrator.Simulator.Hosting;
using AmiOrchestrator.Simulator.Inspection;
using AmiOrchestrator.Simulator.LoadBalancing;
using AmiOrchestrator.Simulator.Signing;
using AmiOrchestrator.Simulator.State;
using AmiOrchestrator.Simulator.Sts;
using AmiOrchestrator.Simulator.Throttling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AmiOrchestrator.Simulator;

/// <summary>
/// A simulated AWS region (or several) served over HTTP on loopback. One endpoint serves every simulated service;
/// requests are dispatched on the Query <c>Version</c> + <c>Action</c> (2011-01-01 Auto Scaling, 2016-11-15 EC2,
/// 2015-12-01 ELBv2, 2012-06-01 classic ELB, 2011-06-15 STS, 2010-08-01 CloudWatch). Account = the caller's access key; region = the
/// SigV4 credential scope's region.
/// </summary>
public sealed class SimulatedAws : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatedAws(WebApplication app, Uri endpoint, SimulatorControl control)
    {
        this.app = app;
        Endpoint = endpoint;
        Control = control;
    }

    /// <summary>The base address every service is served at, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; }

    public SimulatorControl Control { get; }

    public static async Task<SimulatedAws> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Accounts.Count == 0)
            throw new ArgumentException("At least one account is needed to sign requests.", nameof(options));
        if (options.Accounts.Select(a => a.AccessKeyId).Distinct(StringComparer.Ordinal).Count() != options.Accounts.Count)
            throw new ArgumentException("Two accounts share an access key id.", nameof(options));

        if (options.RequestLogCapacity < 1)
            throw new ArgumentException("The request log must keep at least one request.", nameof(options));
        if (options.EventualConsistencyLag < TimeSpan.Zero)
            throw new ArgumentException("The eventual-consistency lag must not be negative.", nameof(options));

        var clock = new SimulationClock(options.Clock);
        // The order is the order in which processes due at the same moment run: hooks settle before health is judged,
        // and schedules and policies act on what that leaves.
        var state = new SimulatorState([new LifecycleProcess(), new HealthProcess(), new ScheduledActionProcess(), new TargetTrackingProcess()]);
        var credentials = new CredentialStore(options.Accounts);
        var faults = new FaultInjector(options.FaultSeed, options.Clock);
        var limiter = new RateLimiter(options.RateLimiting);
        var requests = new RequestCounter();
        var log = new RequestLog(options.RequestLogCapacity);
        var settings = new SimulationSettings(options.EventualConsistencyLag, options.SignatureTimeCheck);
        var defaultAccount = options.Accounts[0].AccountId;
        var control = new SimulatorControl(
            state, credentials, faults, limiter, requests, log, settings, clock, new FixtureLoader(state, defaultAccount), defaultAccount);
        if (options.Fixtures is not null)
            control.LoadFixtures(options.Fixtures);

        var apis = new ApiCatalog([new AutoScalingApi(), new Ec2Api(), new ElbV2Api(), new ClassicElbApi(), new StsApi(credentials), new CloudWatchApi()]);
        var aws = new AwsEndpoint(apis, state, new SignatureVerifier(credentials), faults, limiter, requests, log, settings, clock);
        var controlEndpoint = new ControlEndpoint(control);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatedAws).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The embedding process owns logging; the simulator reports through its responses.
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url);
        var app = builder.Build();
        app.Run(context => context.Request.Path.StartsWithSegments(ControlEndpoint.PathPrefix, StringComparison.Ordinal)
            ? controlEndpoint.HandleAsync(context)
            : aws.HandleAsync(context));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = app.Urls.First();
        return new SimulatedAws(app, new Uri(address.TrimEnd('/') + "/"), control);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
