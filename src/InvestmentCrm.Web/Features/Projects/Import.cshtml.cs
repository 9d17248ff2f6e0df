using System.Security.Claims;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>/projects/import: upload a projects CSV or XLSX, the file <c>import projects FILE</c> reads. Every row is
/// checked first; with any bad row nothing is written and every problem is listed with its line. A valid file upserts
/// by project code through the same importer as the command line (stage history and audit included), so uploading
/// the same file again changes nothing.</summary>
public sealed class ImportModel(ProjectImporter importer, TimeProvider clock, IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : ImportPageModel(limits, l)
{
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public ProjectImportSummary? Summary { get; private set; }

    /// <summary>DESIGN.md does not single out projects: whole files are for leaders and administrators, as for
    /// enterprises, chains and land records; staff enter projects one by one.</summary>
    public static bool CanImport(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leader);

    /// <summary>GET ?handler=template&amp;format=csv|xlsx: the header plus a project in negotiation and a signed one,
    /// for demo enterprises, users and chain nodes, so that the unchanged file imports on the demo data.</summary>
    public IActionResult OnGetTemplate(string? format) =>
        (IActionResult?)ImportTemplate.File("projects", format, ProjectImport.Header, ProjectImport.NumericColumns, Examples(clock))
        ?? BadRequest();

    // Signed on 1 January of last year: never in the future, whatever the time zone.
    private static IReadOnlyDictionary<string, string>[] Examples(TimeProvider clock) =>
    [
        new Dictionary<string, string>
        {
            ["code"] = "SAMPLE-001",
            ["title"] = "示例：智能吊挂系统扩产项目",
            ["enterprise_uscc"] = "91330110MA25215KAT",
            ["stage"] = "negotiation",
            ["owner_email"] = "staff1@demo.local",
            ["planned_investment_wan"] = "20000",
            ["land_mu"] = "30",
            ["expected_output_wan"] = "50000",
            ["expected_tax_wan"] = "2500",
            ["source"] = "referral",
            ["target_nodes"] = "SEW:HANG",
        },
        new Dictionary<string, string>
        {
            ["code"] = "SAMPLE-002",
            ["title"] = "示例：缝制设备零部件项目",
            ["enterprise_uscc"] = "91331002MA20301K2K",
            ["stage"] = "signed",
            ["owner_email"] = "staff2@demo.local",
            ["planned_investment_wan"] = "8000",
            ["land_mu"] = "15.5",
            ["expected_output_wan"] = "20000",
            ["expected_tax_wan"] = "900",
            ["source"] = "expo",
            ["target_nodes"] = "SEW:PART;SEW:CAST",
            ["signed_on"] = $"{clock.GetUtcNow().Year - 1}-01-01",
        },
    ];

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!Accept(file, ".csv", ".xlsx"))
        {
            return Page();
        }

        var summary = await importer.ImportAsync(Read(file), User.UserId(), ct);
        if (summary.Ok)
        {
            Summary = summary;
        }
        else
        {
            Problems = summary.Problems;
        }

        return Page();
    }
}
