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
/// shared by blocks of lineages, so that no launch template collects more versions than AWS allows. Each block lives in
/// a region of its own: up to 1,000 deployments are all in us-east-1; 10,000 spread over ten regions, as a platform's
/// estate spreads over its regions and accounts, since the simulator serves one region's requests one at a time and
/// walks that region's fleet on each change (a single region of 20,000 groups bound the simulator, not the engine). No
/// load balancers: the scenarios measure the engine, and a wait then reads only its group.
/// </summary>
internal static class Fleet
{
    /// <summary>The regions blocks of lineages live in, in order; the first holds lineages 0 to 999.</summary>
    private static readonly string[] Regions =
    [
        "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2", "us-east-2", "eu-west-2",
        "ap-south-1", "ca-central-1", "sa-east-1", "eu-north-1", "us-west-1", "ap-southeast-1", "eu-west-3",
    ];

    /// <summary>The region of the first block, where every run of up to 1,000 deployments (and the shell-script peer) deploys.</summary>
    public static string Region => Regions[0];

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

    /// <summary>The region deployment <paramref name="index"/> deploys into.</summary>
    public static string RegionOf(int index) => Regions[index / LineagesPerBase];

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
        var blocks = Math.Max(1, (lineages + LineagesPerBase - 1) / LineagesPerBase);
        if (blocks > Regions.Length)
            throw new ArgumentOutOfRangeException(nameof(lineages), lineages, $"the fleet has regions for {Regions.Length * LineagesPerBase:N0} lineages");
        return new SimulatorFixtures
        {
            Regions = [.. Enumerable.Range(0, blocks).Select(block => Block(block, Math.Min(LineagesPerBase, lineages - (block * LineagesPerBase)), images))],
        };
    }

    /// <summary>Block <paramref name="block"/> in its region: its base group and launch template, and the previous groups of its lineages.</summary>
    private static RegionFixture Block(int block, int lineages, ValueList<ImageFixture> images)
    {
        var region = Regions[block];
        var first = block * LineagesPerBase;
        var template = new LaunchTemplateFixture
        {
            LaunchTemplateId = Template(block),
            LaunchTemplateName = "web-" + block.ToString(CultureInfo.InvariantCulture),
            Versions = [new LaunchTemplateVersionFixture { ImageId = OldImage, InstanceType = "t3.micro" }],
        };
        var groups = Enumerable.Range(first, lineages)
            .Select(i => Group(
                PreviousGroup(i),
                region,
                block,
                Desired,
                [new AsgTag(LineageTags.LineageKey, Lineage(i)), new AsgTag(LineageTags.RevisionKey, "1")]))
            .Prepend(Group(BaseGroup(block), region, block, desired: 0, tags: []))
            .ToValueList();
        return new RegionFixture { Region = region, Images = images, LaunchTemplates = [template], AutoScalingGroups = groups };
    }

    /// <summary>
    /// The estate of the shell-script peer (<c>diy-ami-deploy.sh</c>): the first base group and a previous group of
    /// <see cref="Desired"/> instances tagged the way the script finds its lineage (<c>ami-lineage</c>, <c>ami-revision</c>).
    /// </summary>
    public static SimulatorFixtures PeerFixtures(IReadOnlyList<int> bootSeconds)
    {
        // One lineage of the engine's fleet, for its base group and launch template (with none, there is no block at all).
        var fleet = Fixtures(1, bootSeconds).Regions[0];
        var previous = Group("peer__1", Region, 0, Desired, [new AsgTag("ami-lineage", PeerLineage), new AsgTag("ami-revision", "1")]);
        return new SimulatorFixtures { Regions = [fleet with { AutoScalingGroups = [.. fleet.AutoScalingGroups, previous] }] };
    }

    public const string PeerLineage = "peerlin";

    public static string PeerBaseGroup => BaseGroup(0);

    /// <summary>The three-phase canary of deployment <paramref name="index"/> onto the image that boots in <paramref name="bootSeconds"/>.</summary>
    public static DeploymentSpec Canary(int index, int bootSeconds, TimeSpan pollInterval, TimeSpan steadyStateTimeout) => new()
    {
        Service = new ServiceSpec { Name = "web", Ami = new AmiSpec { Id = Image(bootSeconds) } },
        Environment = new EnvironmentSpec { Name = "prod" },
        Infrastructure = new InfrastructureSpec { Id = Lineage(index), Region = RegionOf(index), BaseAsg = BaseGroup(index / LineagesPerBase) },
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

    private static AutoScalingGroupFixture Group(string name, string region, int block, int desired, ValueList<AsgTag> tags) => new()
    {
        Name = name,
        LaunchTemplate = new LaunchTemplateSpec(Template(block), null, "1"),
        MinSize = 0,
        MaxSize = Desired * 2,
        DesiredCapacity = desired,
        VpcZoneIdentifier = "subnet-0a,subnet-0b",
        AvailabilityZones = [region + "a", region + "b"],
        Tags = tags,
    };
}
