using System.Net;
using Amazon.Runtime;
using AmiOrchestrator.Simulator.Tests.Support;

namespace AmiOrchestrator.Simulator.Tests.Behaviour;

/// <summary>Time and consistency as AWS has them: eventual consistency, signature expiry and cooldowns.</summary>
public sealed class ConsistencyTests : SimulatorTest
{
    [Fact]
    public async Task With_a_lag_a_new_group_and_a_capacity_change_become_visible_only_after_it()
    {
        Simulator.Control.EventualConsistencyLag = TimeSpan.FromSeconds(5);
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 4, 1));

        var justCreated = await Client.AutoScalingAsync("DescribeAutoScalingGroups", ("AutoScalingGroupNames.member.1", "web"));
        Advance(5);
        var visible = (await GroupAsync("web")).Text("DesiredCapacity");
        await Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", "3"));
        var stale = (await GroupAsync("web")).Text("DesiredCapacity");
        Advance(5);
        var fresh = (await GroupAsync("web")).Text("DesiredCapacity");

        Assert.Empty(justCreated.Items("DescribeAutoScalingGroupsResult/AutoScalingGroups"));
        Assert.Equal(("1", "1", "3"), (visible, stale, fresh));
    }

    [Fact]
    public async Task With_the_signature_time_check_on_a_request_signed_six_minutes_off_the_simulated_clock_is_refused()
    {
        Simulator.Control.SignatureTimeCheck = true;
        Advance(6 * 60);

        // Signed at 08:00 while the simulated clock says 08:06: beyond the five minutes AWS allows.
        var early = await SignedAtAsync(TestRegion.Start, "autoscaling", "2011-01-01");
        var ec2 = await SignedAtAsync(TestRegion.Start, "ec2", "2016-11-15");
        var onTime = await SignedAtAsync(TestRegion.Start.AddMinutes(2), "autoscaling", "2011-01-01");

        Assert.Equal(HttpStatusCode.Forbidden, early.Status);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", early.Body, StringComparison.Ordinal);
        Assert.Contains("Signature expired: 20261127T080000Z is now earlier than 20261127T080100Z (20261127T080600Z - 5 min.)", early.Body, StringComparison.Ordinal);
        Assert.Contains("<Code>RequestExpired</Code>", ec2.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, onTime.Status);
    }

    [Fact]
    public async Task HonorCooldown_refuses_a_resize_while_an_activity_runs_and_during_the_default_cooldown()
    {
        await Client.AutoScalingAsync("CreateAutoScalingGroup", TestRegion.CreateGroup("web", 0, 4, 1, more: ("DefaultCooldown", "120")));

        var during = await Assert.ThrowsAsync<QueryException>(() => HonoringCooldown(2));
        Advance(TestRegion.BootSecondsV1 + 119);
        var cooling = await Assert.ThrowsAsync<QueryException>(() => HonoringCooldown(2));
        Advance(1);
        await HonoringCooldown(2);

        var activity = (await ActivitiesAsync("web")).Last().Text("ActivityId");
        Assert.Equal(("ScalingActivityInProgress", 400, $"Scaling activity {activity} is in progress and blocks this action"), (during.Code, during.Status, during.AwsMessage));
        Assert.Equal("ScalingActivityInProgress", cooling.Code);
        Assert.Equal("2", (await GroupAsync("web")).Text("DesiredCapacity"));
    }

    private Task<System.Xml.Linq.XElement> HonoringCooldown(int desired) =>
        Client.AutoScalingAsync("SetDesiredCapacity", ("AutoScalingGroupName", "web"), ("DesiredCapacity", $"{desired}"), ("HonorCooldown", "true"));

    private async Task<(HttpStatusCode Status, string Body)> SignedAtAsync(DateTimeOffset signedAt, string service, string version)
    {
        var body = $"Action={(service == "ec2" ? "DescribeImages" : "DescribeAutoScalingGroups")}&Version={version}";
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        var request = new Amazon.Runtime.Signing.AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = Simulator.Endpoint, Content = bytes };
        request.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        var signed = await Amazon.Runtime.Signing.AWSSigV4Signer.SignAsync(request, new Amazon.Runtime.Signing.AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(SimulatedAccount.Default.AccessKeyId, SimulatedAccount.Default.SecretAccessKey),
            Region = Amazon.RegionEndpoint.USEast1,
            Service = service,
            SignedAt = signedAt.UtcDateTime,
        });
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, Simulator.Endpoint) { Content = new ByteArrayContent(bytes) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        foreach (var header in signed.Headers)
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        using var response = await http.SendAsync(message);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
