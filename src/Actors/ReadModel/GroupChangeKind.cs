using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>What a deployment recorded about a lineage group.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<GroupChangeKind>))]
public enum GroupChangeKind
{
    /// <summary>Setup's discovery saw the group at this capacity, before anything changed.</summary>
    Observed,

    /// <summary>A create step succeeded: the group exists at the capacity it was created with.</summary>
    Created,

    /// <summary>A resize step succeeded: min and desired (and max, when the step set it) are what the engine set.</summary>
    Resized,

    /// <summary>A delete step succeeded (a group already gone counts as deleted).</summary>
    Deleted,
}
