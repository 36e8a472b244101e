using System.Text.Json;
using System.Text.Json.Serialization;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Actors.Serialization;

/// <summary>
/// The JSON settings of everything the engine persists or sends: the domain's (<see cref="DomainJson"/>) except that
/// members this release does not know are skipped. A row written by a newer release (a rolling upgrade, a rollback
/// of the engine itself) may carry a field added since; refusing it would stop the actor that reads it. Specs are
/// still read strictly by SpecReader, where an unknown field is a user's typo.
/// Nulls are written out, unlike in the domain's settings: a positional record with a nullable parameter and no
/// default (<c>ResizeAsg.MaxSize</c>, <c>StepSucceeded.Result</c>) is a required constructor parameter to
/// System.Text.Json, so a null left out on writing could never be read back.
/// </summary>
internal static class JournalJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(DomainJson.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
