using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>The one check of the entry pages (edit, delete): the project must be in the user's scope and the entry on
/// that project, else not found; the user must be allowed to manage the project's funds, else forbidden.</summary>
internal static class FundsPageAccess
{
    /// <summary>The project and entry (null for a new one), or the page's refusal (not found, forbidden).</summary>
    public static async Task<(ProjectDetail Project, FundsRow? Existing, IActionResult? Refusal)> LoadAsync(PageModel page, IDb db, string code, long? id, CancellationToken ct)
    {
        var scope = ProjectScope.For(page.User);
        var project = await ProjectDetail.LoadAsync(db, code, scope, ct);
        FundsRow? existing = null;
        if (project is null || (id is { } entryId && (existing = await FundsQueries.GetAsync(db, project.Id, entryId, ct)) is null))
        {
            return (new ProjectDetail(), null, page.NotFound());
        }

        return scope.CanManageMatters(project.OwnerUserId) ? (project, existing, null) : (project, existing, page.Forbid());
    }

    public static void AddProblems(ModelStateDictionary state, WriteResult result, IStringLocalizer<SharedResource> l)
    {
        if (result.Outcome == SaveOutcome.Conflict)
        {
            state.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
        }
        else if (result.Outcome == SaveOutcome.NotFound)
        {
            state.AddModelError(string.Empty, l["Funds.Error.Gone"]);
        }

        foreach (var problem in result.Problems ?? [])
        {
            state.AddModelError(problem.Field, l[problem.Key, problem.Args]);
        }
    }
}
