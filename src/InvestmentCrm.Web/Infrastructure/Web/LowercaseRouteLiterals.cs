using System.Text;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// Every page URL the app writes is lowercase (/projects/create, /admin/users), but only in its literal segments.
/// <c>RouteOptions.LowercaseUrls</c> would also fold the route values, so a link to project JJ2026-009 became
/// /projects/jj2026-009: a 404 on SQLite, where codes compare case-sensitively. Lowercasing the templates instead
/// (the folder-based routes such as Projects/Create as well as the explicit <c>@page</c> ones) leaves each
/// {parameter} as written and the value as given. Incoming URLs still match in any letter case.
/// </summary>
public sealed class LowercaseRouteLiterals : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            if (selector.AttributeRouteModel is { Template: { } template } route)
            {
                route.Template = Lowercase(template);
            }
        }
    }

    /// <summary>The template with every character outside {…} in lowercase.</summary>
    public static string Lowercase(string template)
    {
        var result = new StringBuilder(template.Length);
        var depth = 0;
        foreach (var c in template)
        {
            depth += c switch { '{' => 1, '}' => -1, _ => 0 };
            result.Append(depth == 0 ? char.ToLowerInvariant(c) : c);
        }

        return result.ToString();
    }
}
