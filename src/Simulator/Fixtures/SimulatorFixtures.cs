using System.Text.Json;
using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator;

/// <summary>
/// Resources to load into the simulated regions: AMIs, launch templates and configurations, load balancers and
/// groups, per account and region. Read from camelCase JSON in which everything but identifiers is optional;
/// unknown properties are refused so that a misspelt field is reported instead of silently ignored.
/// </summary>
public sealed record SimulatorFixtures
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
    };

    public ValueList<RegionFixture> Regions { get; init; } = ValueList<RegionFixture>.Empty;

    /// <exception cref="JsonException">The text is not a valid fixtures document; the message says where.</exception>
    public static SimulatorFixtures FromJson(string json) =>
        JsonSerializer.Deserialize<SimulatorFixtures>(json, JsonOptions)
        ?? throw new JsonException("The fixtures document is empty (null).");

    public static SimulatorFixtures Load(string path) => FromJson(File.ReadAllText(path));
}
