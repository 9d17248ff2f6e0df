using System.Security.Claims;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>What the enterprise pages share: who may import, regions as one line, import problems in the reader's language.</summary>
public static class EnterpriseText
{
    /// <summary>Everyone registers enterprises one by one; whole files are for leaders and administrators, like chain files.</summary>
    public static bool CanImport(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leader);

    /// <summary>"浙江省 台州市 椒江区", leaving out what is empty and a city that repeats its province (上海市 上海市).</summary>
    public static string Region(string? province, string? city, string? district)
    {
        var parts = new List<string>();
        foreach (var part in new[] { province, city, district })
        {
            if (!string.IsNullOrWhiteSpace(part) && !parts.Contains(part))
            {
                parts.Add(part);
            }
        }

        return string.Join(" ", parts);
    }

    public static string Message(IStringLocalizer l, ImportProblem problem) => l[problem.Key, problem.Args].Value;

    /// <summary>"line 3" / "第 3 行", or "the file" for a problem with the file as a whole.</summary>
    public static string Where(IStringLocalizer l, ImportProblem problem) =>
        problem.Line == 0 ? l["Enterprises.Import.WholeFile"].Value : l["Enterprises.Import.Line", problem.Line].Value;
}
