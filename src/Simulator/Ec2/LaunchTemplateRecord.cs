using System.Globalization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Simulator.Ec2;

/// <summary>A launch template and its numbered versions. Mutated only under its region's lock.</summary>
internal sealed class LaunchTemplateRecord
{
    private long highestNumber;

    public required string LaunchTemplateId { get; init; }

    public required string LaunchTemplateName { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public required string CreatedBy { get; init; }

    public long DefaultVersion { get; set; } = 1;

    public List<LaunchTemplateVersionRecord> Versions { get; } = [];

    public ValueMap Tags { get; init; } = ValueMap.Empty;

    /// <summary>ClientToken of each CreateLaunchTemplateVersion call to the version it created, so a retry gets the same version.</summary>
    public Dictionary<string, long> VersionsByClientToken { get; } = new(StringComparer.Ordinal);

    public long LatestVersion => Versions[^1].Number;

    /// <summary>A version by number, <c>$Latest</c> or <c>$Default</c> (also when null or empty); null when there is no such version.</summary>
    public LaunchTemplateVersionRecord? Resolve(string? version)
    {
        if (string.IsNullOrEmpty(version) || version == "$Default")
            return Find(DefaultVersion);
        if (version == "$Latest")
            return Versions[^1];
        return long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Find(number) : null;
    }

    public LaunchTemplateVersionRecord AddVersion(string? description, DateTimeOffset now, string createdBy, ValueMap data)
    {
        // Numbers are never reused, even after the latest version is deleted.
        var version = new LaunchTemplateVersionRecord(++highestNumber, description, now, createdBy, data);
        Versions.Add(version);
        return version;
    }

    private LaunchTemplateVersionRecord? Find(long number) => Versions.FirstOrDefault(v => v.Number == number);
}
