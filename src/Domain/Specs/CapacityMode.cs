using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>How the new group's final capacity is chosen.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<CapacityMode>))]
public enum CapacityMode
{
    Fixed,
    SameAsRunning,
}
