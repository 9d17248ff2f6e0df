using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Security;

/// <summary>Start-up validation of an options class that lists its own problems, each a sentence naming the setting.</summary>
public sealed class OptionsProblems<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
