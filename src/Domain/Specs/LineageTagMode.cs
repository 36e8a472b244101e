using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// Which tag marks a lineage's groups: ours (<c>ami-orchestrator:lineage</c>), or Harness FirstGen's
/// <c>HARNESS_REVISION=&lt;infraMappingId&gt;__&lt;rev&gt;</c> so a migrated lineage keeps its revision series.
/// </summary>
[JsonConverter(typeof(CamelCaseEnumConverter<LineageTagMode>))]
public enum LineageTagMode
{
    Ours,
    HarnessRevision,
}
