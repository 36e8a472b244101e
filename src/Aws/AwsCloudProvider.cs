using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using AmiOrchestrator.Aws.Configuration;
using AmiOrchestrator.Aws.Credentials;
using AmiOrchestrator.Aws.Ec2;
using AmiOrchestrator.Aws.Query;
using AmiOrchestrator.Aws.Resilience;
using AmiOrchestrator.Domain.Cloud;
using RetryPolicy = AmiOrchestrator.Aws.Resilience.RetryPolicy;

namespace AmiOrchestrator.Aws;

/// <summary>
/// Hands out the <see cref="ICloud"/> of each target (region, and the role to assume there), one per target for the
/// life of the process. Everything that must be shared is shared here: one HttpClient, the engine's own
/// credentials, the retry policy, and the call budget, whose bucket for an account and region is the same whichever
/// target asks. Register it as a singleton.
/// </summary>
public sealed class AwsCloudProvider : ICloudProvider, IDisposable
{
    /// <summary>
    /// The budget key of the engine's own credentials. Their account is not known without an extra STS call, so all
    /// calls made with them share one budget per region, apart from any role's account.
    /// </summary>
    internal const string OwnAccount = "own-credentials";

    private readonly AwsOptions options;
    private readonly TimeProvider time;
    private readonly HttpClient http;
    private readonly AWSCredentials ownCredentials;
    private readonly QueryClient queryClient;
    private readonly CallPipeline pipeline;
    private readonly CallBudget budget;
    private readonly ConcurrentDictionary<CloudTarget, Lazy<AwsCloud>> clouds = new();
    private volatile bool disposed;

    public AwsCloudProvider(AwsOptions options, TimeProvider? time = null)
        : this(options, time ?? TimeProvider.System, CreateHandler(), Random.Shared)
    {
    }

    /// <summary>For tests: a handler in place of the network and a seeded source of jitter.</summary>
    internal AwsCloudProvider(AwsOptions options, TimeProvider time, HttpMessageHandler handler, Random jitter)
    {
        options.Validate();
        this.options = options;
        this.time = time;
        http = new HttpClient(handler, disposeHandler: true) { Timeout = options.HttpTimeout };
        ownCredentials = options.AccessKeyId is { Length: > 0 } accessKey
            ? string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(accessKey, options.SecretAccessKey)
                : new SessionAWSCredentials(accessKey, options.SecretAccessKey, options.SessionToken)
            : new DefaultChainCredentials();
        queryClient = new QueryClient(http, time);
        pipeline = new CallPipeline(new RetryPolicy(options.Retry, jitter), time);
        budget = new CallBudget(options.RateLimit, time);
    }

    public ICloud For(CloudTarget target)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return clouds.GetOrAdd(target, t => new Lazy<AwsCloud>(() => Create(t))).Value;
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        foreach (var cloud in clouds.Values.Where(c => c.IsValueCreated))
            cloud.Value.Dispose();
        http.Dispose();
    }

    private static SocketsHttpHandler CreateHandler() => new()
    {
        // A redirect would replay a signed request against another host; AWS APIs never redirect.
        AllowAutoRedirect = false,
        // AWS rotates the addresses behind its endpoints; pooled connections that lived forever would never notice.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private AwsCloud Create(CloudTarget target)
    {
        var regionName = string.IsNullOrWhiteSpace(target.Region) ? options.DefaultRegion : target.Region;
        var region = RegionEndpoint.GetBySystemName(regionName);
        var (account, credentials) = (target.RoleArn ?? options.RoleArn) is { } roleArn
            ? (AssumeRole.AccountOf(roleArn) ?? throw new ArgumentException($"'{roleArn}' is not an IAM role ARN.", nameof(target)),
                RoleCredentials(roleArn, region))
            : (OwnAccount, ownCredentials);

        QueryChannel Channel(QueryService service) => new(
            service,
            ServiceEndpoints.For(service.EndpointPrefix, region, options.EndpointUrl),
            region,
            credentials,
            queryClient,
            pipeline,
            budget.For(account, region.SystemName, service.Name));

        return new AwsCloud(
            Channel(QueryService.AutoScaling),
            Channel(QueryService.ElasticLoadBalancingV2),
            Channel(QueryService.ClassicElasticLoadBalancing),
            Channel(QueryService.CloudWatch),
            new Ec2Api(
                new AmazonEC2Client(credentials, Ec2Config(region)),
                ServiceEndpoints.For("ec2", region, options.EndpointUrl),
                pipeline,
                budget.For(account, region.SystemName, "ec2")));
    }

    private AssumedRoleCredentials RoleCredentials(string roleArn, RegionEndpoint region)
    {
        // The regional STS endpoint of the target's region, signed with the engine's own credentials.
        var sts = new QueryChannel(
            QueryService.SecurityTokenService,
            ServiceEndpoints.For(QueryService.SecurityTokenService.EndpointPrefix, region, options.EndpointUrl),
            region,
            ownCredentials,
            queryClient,
            pipeline,
            budget.For(OwnAccount, region.SystemName, QueryService.SecurityTokenService.Name));
        var request = AssumeRole.Request(roleArn, options.RoleSessionName, options.AssumeRoleDuration);
        return new AssumedRoleCredentials(
            async cancellationToken => AssumeRole.Read(await sts.CallAsync(request, cancellationToken)),
            time,
            options.CredentialRefreshMargin);
    }

    private AmazonEC2Config Ec2Config(RegionEndpoint region)
    {
        var config = new AmazonEC2Config
        {
            // Our retry loop is the one policy: with the SDK retrying too, attempts would multiply (3 × ours) and
            // its back-off would run on the real clock, outside the call budget.
            MaxErrorRetry = 0,
            Timeout = options.HttpTimeout,
            HttpClientFactory = new SharedHttpClientFactory(http),
            // Endpoints come from our options only; AWS_ENDPOINT_URL would otherwise move EC2 and nothing else.
            IgnoreConfiguredEndpointUrls = true,
        };
        if (options.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region.SystemName;
        }
        else
        {
            config.RegionEndpoint = region;
        }

        return config;
    }
}
