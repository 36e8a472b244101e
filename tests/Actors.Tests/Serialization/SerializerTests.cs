using System.Runtime.Serialization;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Actor;
using AmiOrchestrator.Actors.Serialization;
using AmiOrchestrator.Actors.Tests.Builders;
using AmiOrchestrator.Domain.Deployments;
using AmiOrchestrator.Domain.Lineages;
using AmiOrchestrator.Domain.Specs;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AmiOrchestrator.Actors.Tests.Serialization;

public sealed partial class SerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly AmiOrchestratorSerializer serializer;

    public SerializerTests(ITestOutputHelper output)
        : base(output: output) => serializer = new AmiOrchestratorSerializer((ExtendedActorSystem)Sys);

    [Property(MaxTest = 1500)]
    public Property Every_registered_type_reads_back_equal_from_what_it_writes() =>
        Prop.ForAll(
            Gen.Elements(Generators.ByType.Keys.ToArray()).SelectMany(type => Generators.ByType[type]).ToArbitrary(),
            value =>
            {
                var manifest = serializer.Manifest(value);
                var bytes = serializer.ToBinary(value);
                var back = serializer.FromBinary(bytes, manifest);
                return (manifest == MessageManifests.ManifestOf(value.GetType())
                        && back.GetType() == value.GetType()
                        && back.Equals(value)
                        && serializer.ToBinary(back).AsSpan().SequenceEqual(bytes))
                    .Label($"{manifest}: {Encoding.UTF8.GetString(bytes)}");
            });

    [Fact]
    public void Every_event_input_effect_and_state_type_of_the_domain_has_a_manifest()
    {
        var protocolRoots = new[] { typeof(IDeploymentEvent), typeof(ILineageEvent), typeof(DeploymentInput), typeof(LineageInput), typeof(LineageEffect) };
        var mustBeRegistered = typeof(IDeploymentEvent).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && protocolRoots.Any(root => root.IsAssignableFrom(t)))
            .Concat([typeof(DeploymentState), typeof(LineageState), typeof(CommandReply)])
            .ToList();

        var missing = mustBeRegistered.Where(t => MessageManifests.ManifestOf(t) is null).Select(t => t.FullName).ToList();

        Assert.True(mustBeRegistered.Count > 30, "the reflection found the domain's protocol types");
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_registered_type_has_a_generator_so_the_round_trip_property_covers_it() =>
        Assert.Equal(MessageManifests.Types.OrderBy(t => t.FullName), Generators.ByType.Keys.OrderBy(t => t.FullName));

    [Fact]
    public void Manifests_are_versioned_kebab_case_names_and_map_one_to_one_to_types()
    {
        Assert.All(MessageManifests.Manifests, manifest => Assert.Matches(ManifestShape(), manifest));
        Assert.Equal(MessageManifests.Types.Count, MessageManifests.Manifests.Count);
        Assert.All(MessageManifests.Types, type => Assert.Equal(type, MessageManifests.TypeOf(MessageManifests.ManifestOf(type)!)));
    }

    [Fact]
    public void An_unknown_manifest_is_a_serialization_exception_that_names_it()
    {
        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "lineage-taken.v99"));

        Assert.Contains("'lineage-taken.v99'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_a_manifest_is_refused_before_anything_is_written()
    {
        var error = Assert.Throws<SerializationException>(() => serializer.ToBinary(new Unregistered("x")));

        Assert.Contains(nameof(Unregistered), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_that_does_not_fit_its_manifest_is_a_serialization_exception_that_names_the_manifest()
    {
        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("""{"deploymentId":42}"""u8.ToArray(), "lineage-taken.v1"));

        Assert.Contains("'lineage-taken.v1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_written_by_a_newer_release_with_a_field_this_one_does_not_know_reads_back()
    {
        var json = """{"deploymentId":"dep-7","at":"2026-03-01T12:00:00+01:00","takenBy":{"node":"b","attempt":2},"priority":5}""";

        var read = serializer.FromBinary(Encoding.UTF8.GetBytes(json), "lineage-taken.v1");

        Assert.Equal(new LineageTaken("dep-7", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1))), read);
    }

    [Fact]
    public void Specs_are_still_read_strictly_so_a_misspelt_field_is_reported()
    {
        var result = SpecReader.Read("""{"service":{"name":"web","ami":{"id":"ami-0123456789abcdef0"}},"retaindOldAsgs":2}""");

        Assert.Contains(result.Problems, p => p.Path == "retaindOldAsgs");
    }

    [GeneratedRegex(@"^[a-z]+(-[a-z]+)*\.v[1-9][0-9]*$")]
    private static partial Regex ManifestShape();

    private sealed record Unregistered(string Name);
}
