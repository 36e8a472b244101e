using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>Per phase, which group is resized first; rollback runs the reverse order.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ResizeStrategy>))]
public enum ResizeStrategy
{
    ResizeNewFirst,
    DownsizeOldFirst,
}
