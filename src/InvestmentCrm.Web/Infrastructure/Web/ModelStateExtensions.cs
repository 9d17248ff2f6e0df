using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace InvestmentCrm.Web.Infrastructure.Web;

public static class ModelStateExtensions
{
    /// <summary>
    /// On a page with several forms, keeps only the entries of the form that was posted: the others were not
    /// sent, and MVC's fallback to the empty prefix would report their required fields as missing.
    /// </summary>
    public static void KeepOnly(this ModelStateDictionary modelState, string prefix)
    {
        foreach (var key in modelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            modelState.Remove(key);
        }
    }
}
