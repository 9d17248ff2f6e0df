using InvestmentCrm.Web.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// The one way a configuration section becomes options: bound from its section and checked when the host starts, so
/// a bad value stops start-up with sentences naming each setting (a value that does not even convert, "abc" for a
/// number, stops it too, the binder naming the key) instead of surfacing at the first request that reads it.
/// </summary>
public static class ValidatedOptions
{
    public static void Add<T>(IServiceCollection services, string section, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new OptionsProblems<T>(problems));
    }
}
