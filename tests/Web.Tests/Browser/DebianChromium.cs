using AmiOrchestrator.TestSupport;

namespace AmiOrchestrator.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium for the browser test. Like the PostgreSQL fixtures that start their own server, it provides itself:
/// when the machine lacks it, apt-get installs it (about a minute, once per machine), so the test command stands alone.
/// Playwright never downloads a browser; when the install fails, the test fails and says why.
/// </summary>
internal static class DebianChromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly Dictionary<string, string> Noninteractive = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    public static async Task<string> InstalledAsync(ITestOutputHelper output)
    {
        if (File.Exists(Executable))
            return Executable;
        output.WriteLine($"{Executable} is missing: installing Debian's chromium with apt-get");
        foreach (var arguments in new[] { new[] { "update", "-qq" }, ["install", "-y", "-qq", "chromium"] })
        {
            var (exitCode, text) = await ExternalProgram.RunAsync("apt-get", arguments, InstallTimeout, Noninteractive);
            Assert.True(exitCode == 0, $"apt-get {string.Join(' ', arguments)} exited {exitCode}; the browser test needs Debian's chromium at {Executable}:\n{text}");
        }
        Assert.True(File.Exists(Executable), $"apt-get installed chromium but {Executable} is still missing");
        return Executable;
    }
}
