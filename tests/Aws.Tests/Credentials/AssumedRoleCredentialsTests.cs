using Amazon.Runtime;
using AmiOrchestrator.Aws.Credentials;
using AmiOrchestrator.Domain.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace AmiOrchestrator.Aws.Tests.Credentials;

public sealed class AssumedRoleCredentialsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private int calls;

    [Fact]
    public async Task Credentials_are_reused_until_the_refresh_margin()
    {
        var credentials = new AssumedRoleCredentials(Issue(TimeSpan.FromHours(1)), time, TimeSpan.FromMinutes(10));

        var first = await credentials.GetCredentialsAsync();
        time.Advance(TimeSpan.FromMinutes(49));
        var second = await credentials.GetCredentialsAsync();

        Assert.Same(first, second);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Credentials_are_replaced_before_they_expire()
    {
        var credentials = new AssumedRoleCredentials(Issue(TimeSpan.FromHours(1)), time, TimeSpan.FromMinutes(10));

        var first = await credentials.GetCredentialsAsync();
        time.Advance(TimeSpan.FromMinutes(50));
        var second = await credentials.GetCredentialsAsync();

        Assert.Equal(("key-1", "key-2"), (first.AccessKey, second.AccessKey));
        Assert.Equal("token-2", second.Token);
    }

    [Fact]
    public async Task A_short_session_is_refreshed_at_half_its_life_not_on_every_call()
    {
        var credentials = new AssumedRoleCredentials(Issue(TimeSpan.FromMinutes(15)), time, TimeSpan.FromMinutes(10));

        await credentials.GetCredentialsAsync();
        time.Advance(TimeSpan.FromMinutes(7));
        await credentials.GetCredentialsAsync();
        Assert.Equal(1, calls);
        time.Advance(TimeSpan.FromSeconds(30));
        await credentials.GetCredentialsAsync();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        var release = new TaskCompletionSource();
        var credentials = new AssumedRoleCredentials(
            async _ =>
            {
                Interlocked.Increment(ref calls);
                await release.Task;
                return new RoleSession(new ImmutableCredentials("k", "s", "t"), Start.AddHours(1));
            },
            time,
            TimeSpan.FromMinutes(10));

        var callers = Enumerable.Range(0, 16).Select(_ => credentials.GetCredentialsAsync()).ToList();
        release.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, calls);
        Assert.Single(results.Distinct());
    }

    [Fact]
    public async Task A_failed_refresh_falls_back_to_credentials_that_are_still_valid()
    {
        var fail = false;
        var credentials = new AssumedRoleCredentials(
            _ =>
            {
                calls++;
                return fail
                    ? throw new CloudException(CloudError.FromAws("Throttling", "Rate exceeded", 400))
                    : Task.FromResult(new RoleSession(new ImmutableCredentials("k", "s", "t"), Start.AddHours(1)));
            },
            time,
            TimeSpan.FromMinutes(10));
        var first = await credentials.GetCredentialsAsync();
        fail = true;

        time.Advance(TimeSpan.FromMinutes(55));
        var stillValid = await credentials.GetCredentialsAsync();
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Same(first, stillValid);
        var error = await Assert.ThrowsAsync<CloudException>(credentials.GetCredentialsAsync);
        Assert.Equal("Throttling", error.Error.Code);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task The_synchronous_path_answers_with_unexpired_credentials_without_refreshing()
    {
        var credentials = new AssumedRoleCredentials(Issue(TimeSpan.FromHours(1)), time, TimeSpan.FromMinutes(10));
        var first = await credentials.GetCredentialsAsync();

        time.Advance(TimeSpan.FromMinutes(55));
        var inMargin = credentials.GetCredentials();
        time.Advance(TimeSpan.FromMinutes(5));
        var expired = credentials.GetCredentials();

        Assert.Same(first, inMargin);
        Assert.Equal("key-2", expired.AccessKey);
        Assert.Equal(2, calls);
    }

    private Func<CancellationToken, Task<RoleSession>> Issue(TimeSpan lifetime) => _ =>
    {
        var n = Interlocked.Increment(ref calls);
        return Task.FromResult(new RoleSession(new ImmutableCredentials($"key-{n}", $"secret-{n}", $"token-{n}"), time.GetUtcNow() + lifetime));
    };
}
