using System.Text;
using AmiOrchestrator.Domain.Common;

namespace AmiOrchestrator.Domain.Specs;

/// <summary>
/// Renders user data: <c>${name}</c> becomes the variable's value; <c>$${</c> is a literal <c>${</c>, which is how a
/// shell script keeps its own <c>${HOME}</c>. A reference to an undefined variable is reported, never left in place.
/// </summary>
public static class UserDataTemplate
{
    public static RenderedUserData Render(string template, ValueMap variables)
    {
        var output = new StringBuilder(template.Length);
        var undefined = new List<string>();
        var position = 0;
        while (position < template.Length)
        {
            var dollar = template.IndexOf('$', position);
            if (dollar < 0)
            {
                output.Append(template, position, template.Length - position);
                break;
            }
            output.Append(template, position, dollar - position);
            if (Following(template, dollar, "$${"))
            {
                output.Append("${");
                position = dollar + 3;
                continue;
            }
            var close = Following(template, dollar, "${") ? template.IndexOf('}', dollar + 2) : -1;
            if (close < 0)
            {
                output.Append('$');
                position = dollar + 1;
                continue;
            }
            var name = template[(dollar + 2)..close];
            if (variables.TryGetValue(name, out var value))
                output.Append(value);
            else
            {
                if (!undefined.Contains(name, StringComparer.Ordinal))
                    undefined.Add(name);
                output.Append(template, dollar, close - dollar + 1);
            }
            position = close + 1;
        }
        return new RenderedUserData(output.ToString(), undefined.ToValueList());
    }

    private static bool Following(string text, int index, string expected) =>
        string.CompareOrdinal(text, index, expected, 0, expected.Length) == 0;
}
