using System.Xml.Linq;

namespace AmiOrchestrator.Simulator.Protocol;

/// <summary>
/// What an operation answers: the members of its result, or <see cref="NoOutput"/> for operations whose model has
/// no output shape (then awsQuery sends no <c>{Op}Result</c> element at all, only the metadata).
/// </summary>
internal sealed record OperationResult(IReadOnlyList<XElement>? Members)
{
    public static OperationResult NoOutput { get; } = new((IReadOnlyList<XElement>?)null);

    public static OperationResult Of(params XElement?[] members) => new(members.OfType<XElement>().ToList());
}
