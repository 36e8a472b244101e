using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>The deployment strategies.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<StrategyType>))]
public enum StrategyType
{
    Basic,
    Canary,
    BlueGreen,
}
