using System.Net;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.TestSupport;
using AmiOrchestrator.TestSupport.Cloud;
using AmiOrchestrator.Web.Tests.Support;
using Microsoft.Playwright;

namespace AmiOrchestrator.Web.Tests.Browser;

/// <summary>
/// The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright, against a node deploying into the
/// simulated region. It never downloads a browser: <see cref="DebianChromium"/> installs Debian's when it is missing.
/// Screenshots of the list and the deployment view land in <c>artifacts/screenshots</c>.
/// </summary>
public sealed class DashboardBrowserSpecs(ITestOutputHelper output)
{
    private static readonly string Screenshots = Repository.File("artifacts", "screenshots");

    [Fact]
    public async Task An_operator_watches_a_gated_canary_advance_approves_its_gate_and_sees_it_succeed()
    {
        var watch = global::System.Diagnostics.Stopwatch.StartNew();
        void Mark(string what) => output.WriteLine($"{watch.Elapsed.TotalSeconds,6:0.0} s {what}");
        var chromium = await DebianChromium.InstalledAsync(output);
        using var profile = new TestFolder();
        using var playwright = await Playwright.CreateAsync();
        // The browser starts while the node starts and runs the history below: each takes seconds on a busy machine.
        var launching = playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            TimezoneId = "UTC",
        });
        await using var node = await WebNode.StartAsync(new TestOutput(output));
        Mark("node started");
        using var writer = node.Client(WebNode.WriteToken);

        // Some history first: a deployment that succeeded on the lineage, and one elsewhere that rolled back.
        await SubmitAsync(writer, "web-1041", WebSpecs.Basic());
        await SubmitAsync(writer, "api-207", BrokenApi());
        await using var browser = await launching;
        Mark("browser started");
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        Directory.CreateDirectory(Screenshots);

        await AwaitEndAsync(node, "web-1041");
        await AwaitEndAsync(node, "api-207");

        Mark("history ended");
        await page.GotoAsync(node.Address.ToString());
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");
        await Assertions.Expect(page.Locator("tr[data-deployment-id='web-1041'] [data-status]")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(page.Locator("tr[data-deployment-id='api-207'] [data-status]")).ToHaveTextAsync("Rolled back");

        // The canary appears in the open list by itself and stops at its gate.
        await SubmitAsync(writer, "web-1042", GatedCanary());
        await Assertions.Expect(page.Locator("tr[data-deployment-id='web-1042'] [data-status]")).ToHaveTextAsync("Awaiting approval", new() { Timeout = 40_000 });
        Mark("canary at its gate");
        await Screenshot(page, "dashboard-list.png");

        await page.Locator("tr[data-deployment-id='web-1042'] a.id-link").ClickAsync();
        await Assertions.Expect(page.Locator("#status [data-status]")).ToHaveTextAsync("Awaiting approval");
        await Assertions.Expect(page.Locator("#phase-status")).ToContainTextAsync("Phase 1 of 2");
        await Assertions.Expect(page.Locator(".phase.current")).ToHaveAttributeAsync("data-phase", "1");
        await Assertions.Expect(page.Locator("path.series-new")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("path.series-previous")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.timeline tr[data-step$='/approval/gate']")).ToHaveCountAsync(1);
        await Screenshot(page, "dashboard-deployment.png");
        await Screenshot(page, "dashboard-deployment-full.png", fullPage: true);

        Mark("deployment view shown");
        await page.Locator("button[data-action='approve']").ClickAsync();
        await page.Locator("#confirm-by").FillAsync("alice");
        await page.Locator("#confirm-token").FillAsync(WebNode.WriteToken);
        await page.Locator("#confirm-submit").ClickAsync();

        await Assertions.Expect(page.Locator(".toast")).ToContainTextAsync("The engine took it: approved.");
        await Assertions.Expect(page.Locator("#phase-status")).ToContainTextAsync("Phase 2 of 2");
        await Assertions.Expect(page.Locator("#status [data-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = 40_000 });
        await Assertions.Expect(page.Locator("table.timeline tr[data-step$='/approval/gate'] .detail")).ToHaveTextAsync("approved by alice");
        await Assertions.Expect(page.Locator("button[data-action='approve']")).ToBeDisabledAsync();
        Mark("canary succeeded");
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was reloaded: every change must arrive live");
        await Screenshot(page, "dashboard-succeeded.png");

        await page.Locator(".facts a").ClickAsync();
        await Assertions.Expect(page.Locator("#lineage-groups tr[data-group='web__prod__4'] .badge")).ToHaveTextAsync("Serving");
        await Assertions.Expect(page.Locator("#lineage-groups tr[data-group='web__prod__3'] .badge")).ToHaveTextAsync("At zero");
        await Screenshot(page, "dashboard-lineage.png");
        Mark("lineage shown");
    }

    private async Task Screenshot(IPage page, string name, bool fullPage = false)
    {
        var path = Path.Combine(Screenshots, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
    }

    private static async Task SubmitAsync(HttpClient writer, string id, DeploymentSpec spec) =>
        await Requests.JsonAsync(await Requests.SubmitAsync(writer, id, spec, by: "deploy-bot"), HttpStatusCode.Accepted);

    private static Task AwaitEndAsync(WebNode node, string id) =>
        Poll.UntilAsync(
            async () => (await Requests.GetAsync(node.Http, $"/api/deployments/{id}"))["view"]!["hasEnded"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(60),
            $"{id} to end");

    /// <summary>A canary of the example lineage (whose previous group then runs four instances) that waits for an approval after 50%.</summary>
    private static DeploymentSpec GatedCanary() => WebSpecs.Basic() with
    {
        Strategy = new StrategySpec
        {
            Type = StrategyType.Canary,
            Phases =
            [
                new PhaseSpec { Percent = 50, Gates = new GatesSpec { ManualApproval = true } },
                new PhaseSpec { Percent = 100 },
            ],
        },
    };

    /// <summary>A deployment of another service whose AMI never becomes healthy: it times out and rolls back.</summary>
    private static DeploymentSpec BrokenApi() => Lineages.Basic("api-prod") with
    {
        Service = new ServiceSpec { Name = "api", Ami = new AmiSpec { Id = WebRegion.BrokenImage } },
        Timeouts = WebSpecs.Basic().Timeouts with { SteadyState = Duration.FromMinutes(2) },
    };
}
