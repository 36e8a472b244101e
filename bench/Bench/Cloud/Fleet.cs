using System.Globalization;
using AmiOrchestrator.Domain.Cloud;
using AmiOrchestrator.Domain.Common;
using AmiOrchestrator.Domain.Naming;
using AmiOrchestrator.Domain.Specs;
using AmiOrchestrator.Simulator;

namespace AmiOrchestrator.Bench.Cloud;

/// <summary>
/// The simulated estate every scenario deploys into: one lineage per deployment (<c>lin&lt;n&gt;</c>), each with a
/// previous group of <see cref="Desired"/> instances in service, so that every deployment is a real three-phase canary
/// that grows its new group and shrinks the previous one in inverse proportion. Base groups (templates only) are
/// shared by blocks of lineages, so that no launch template collects more versions than AWS allows. No load balancers:
/// the scenarios measure the engine, and a wait then reads only its group.
/// </summary>
internal static class Fleet
{
    public const string Region = "us-east-1";

    /// <summary>The new group's capacity, and the previous group's: phases of 33, 66 and 100% take it 1, 2, 3.</summary>
    public const int Desired = 3;

    private const int LineagesPerBase = 1_000;

    private const string OldImage = "ami-00000000000000000";

    /// <summary>The lineage (infrastructure definition) of deployment <paramref name="index"/>.</summary>
    public static string Lineage(int index) => "lin" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The group a deployment creates: revision 2 of its lineage.</summary>
    public static string NewGroup(int index) => Lineage(index) + "__2";

    public static string PreviousGroup(int index) => Lineage(index) + "__1";

    public static string DeploymentId(int index) => "dep-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>An AMI id whose instances boot in <paramref name="seconds"/>, such as <c>ami-0000000000000b02d</c> for 45 s.</summary>
    public static string Image(int seconds) => "ami-" + (0xb000 + seconds).ToString("x17", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="lineages"/> lineages whose new images boot in <paramref name="bootSeconds"/> (lineage i uses
    /// <c>bootSeconds[i % count]</c>).
    /// </summary>
    public static SimulatorFixtures Fixtures(int lineages, IReadOnlyList<int> bootSeconds)
    {
        var images = bootSeconds.Distinct()
            .Select(s => new ImageFixture { ImageId = Image(s), Name = $"web-boot-{s}s", BootSeconds = s })
            .Append(new ImageFixture { ImageId = OldImage, Name = "web-old", BootSeconds = 0 })
            .ToValueList();
        var bases = (lineages + LineagesPerBase - 1) / LineagesPerBase;
        var templates = Enumerable.Range(0, bases)
            .Select(b => new LaunchTemplateFixture
            {
                LaunchTemplateId = Template(b),
                LaunchTemplateName = "web-" + b.ToString(CultureInfo.InvariantCulture),
                Versions = [new LaunchTemplateVersionFixture { ImageId = OldImage, InstanceType = "t3.micro" }],
            })
            .ToValueList();
        var groups = Enumerable.Range(0, bases)
            .Select(b => Group(BaseGroup(b), b, desired: 0, tags: []))
            .Concat(Enumerable.Range(0, lineages).Select(i => Group(
                PreviousGroup(i),
                i / LineagesPerBase,
                Desired,
                [new AsgTag(LineageTags.LineageKey, Lineage(i)), new AsgTag(LineageTags.RevisionKey, "1")])))
            .ToValueList();
        return new SimulatorFixtures
        {
            Regions = [new RegionFixture { Region = Region, Images = images, LaunchTemplates = templates, AutoScalingGroups = groups }],
        };
    }

    /// <summary>
    /// The estate of the shell-script peer (<c>diy-ami-deploy.sh</c>): the first base group and a previous group of
    /// <see cref="Desired"/> instances tagged the way the script finds its lineage (<c>ami-lineage</c>, <c>ami-revision</c>).
    /// </summary>
    public static SimulatorFixtures PeerFixtures(IReadOnlyList<int> bootSeconds)
    {
        // One lineage of the engine's fleet, for its base group and launch template (with none, there is no block at all).
        var fleet = Fixtures(1, bootSeconds).Regions[0];
        var previous = Group("peer__1", 0, Desired, [new AsgTag("ami-lineage", PeerLineage), new AsgTag("ami-revision", "1")]);
        return new SimulatorFixtures { Regions = [fleet with { AutoScalingGroups = [.. fleet.AutoScalingGroups, previous] }] };
    }

    public const string PeerLineage = "peerlin";

    public static string PeerBaseGroup => BaseGroup(0);

    /// <summary>The three-phase canary of deployment <paramref name="index"/> onto the image that boots in <paramref name="bootSeconds"/>.</summary>
    public static DeploymentSpec Canary(int index, int bootSeconds, TimeSpan pollInterval, TimeSpan steadyStateTimeout) => new()
    {
        Service = new ServiceSpec { Name = "web", Ami = new AmiSpec { Id = Image(bootSeconds) } },
        Environment = new EnvironmentSpec { Name = "prod" },
        Infrastructure = new InfrastructureSpec { Id = Lineage(index), Region = Region, BaseAsg = BaseGroup(index / LineagesPerBase) },
        AsgNamePrefix = Lineage(index),
        Capacity = new CapacitySpec { Mode = CapacityMode.Fixed, Min = 0, Desired = Desired, Max = Desired * 2 },
        Strategy = new StrategySpec
        {
            Type = StrategyType.Canary,
            Phases = [new PhaseSpec { Percent = 33 }, new PhaseSpec { Percent = 66 }, new PhaseSpec { Percent = 100 }],
        },
        Timeouts = new TimeoutsSpec { SteadyState = new Duration(steadyStateTimeout), PollInterval = new Duration(pollInterval) },
    };

    private static string BaseGroup(int block) => "base" + block.ToString(CultureInfo.InvariantCulture);

    private static string Template(int block) => "lt-" + block.ToString("x17", CultureInfo.InvariantCulture);

    private static AutoScalingGroupFixture Group(string name, int block, int desired, ValueList<AsgTag> tags) => new()
    {
        Name = name,
        LaunchTemplate = new LaunchTemplateSpec(Template(block), null, "1"),
        MinSize = 0,
        MaxSize = Desired * 2,
        DesiredCapacity = desired,
        VpcZoneIdentifier = "subnet-0a,subnet-0b",
        AvailabilityZones = ["us-east-1a", "us-east-1b"],
        Tags = tags,
    };
}
