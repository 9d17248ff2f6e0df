using InvestmentCrm.Web.Domain.Land;
using Microsoft.AspNetCore.Mvc;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>One year of an enterprise's land efficiency, graded among all enterprises of that year.</summary>
public sealed record LandTrendYear(int Year, int Enterprises, GradedEnterprise Graded);

public sealed record LandTrend(long EnterpriseId, IReadOnlyList<LandTrendYear> Years);

/// <summary>
/// The year-over-year land-efficiency trend of one enterprise (table and chart), for any page to include with
/// <c>@await Component.InvokeAsync("EnterpriseLandTrend", new { enterpriseId = id })</c>. Each year is graded with
/// the current settings, as on /land. Renders an empty-state line for an enterprise without records.
/// </summary>
public sealed class EnterpriseLandTrendViewComponent(LandQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long enterpriseId)
    {
        var settings = (await queries.SettingsAsync()).Settings;
        var years = new List<LandTrendYear>();
        foreach (var year in await queries.YearsOfAsync(enterpriseId))
        {
            var graded = await queries.GradeAsync(year, settings);
            var row = graded.Rows.FirstOrDefault(r => r.EnterpriseId == enterpriseId);
            if (row is not null)
            {
                years.Add(new LandTrendYear(year, graded.Rows.Count, row.Graded));
            }
        }

        return View("~/Features/Land/_EnterpriseLandTrend.cshtml", new LandTrend(enterpriseId, years));
    }
}
