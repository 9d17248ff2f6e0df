using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>
/// A chain's chief (by name) and leading enterprises, for the chain and gap pages:
/// <c>@await Component.InvokeAsync("ChainLeaders", new { chainCode })</c>. Names users and enterprises only, never a
/// project, so it is the same for every reader.
/// </summary>
public sealed class ChainLeadersViewComponent(IDb db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string chainCode)
    {
        var leaders = await ChainLeadership.ReadAsync(db, chainCode, HttpContext.RequestAborted);
        return leaders is null ? Content("") : View("~/Features/Chains/_ChainLeaders.cshtml", leaders);
    }
}
