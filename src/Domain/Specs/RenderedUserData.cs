using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>User data after substitution, and the variables it referred to that nothing defines.</summary>
public sealed record RenderedUserData(string Text, ValueList<string> Undefined)
{
    public string ToBase64() => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Text));
}
