using Microsoft.Extensions.Options;

namespace AmiOrchestrator.Web.Hosting;

/// <summary>Refuses invalid <see cref="WebOptions"/> at start-up, naming every problem at once.</summary>
internal sealed class WebOptionsValidation : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
