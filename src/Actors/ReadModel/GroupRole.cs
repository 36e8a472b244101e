using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Actors.ReadModel;

/// <summary>What a lineage group was to one deployment (SEMANTICS.md "Words"): the group it created, the one it replaced, or an older one.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<GroupRole>))]
public enum GroupRole
{
    New,
    Previous,
    Older,
}
