using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>/enterprises/import: upload an enterprises CSV or XLSX. Every row is checked first; with any bad row nothing is
/// written and every bad row is listed with its line. Uploading the same file again changes nothing (upsert by USCC).</summary>
public sealed class ImportModel(EnterpriseImporter importer, IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l)
    : ImportPageModel(limits, l)
{
    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public EnterpriseImportSummary? Summary { get; private set; }

    /// <summary>GET ?handler=template&amp;format=csv|xlsx: the header plus a local enterprise and a prospect on the
    /// demo chain (new, valid USCCs), so that the unchanged file imports on the demo data.</summary>
    public IActionResult OnGetTemplate(string? format) =>
        (IActionResult?)ImportTemplate.File("enterprises", format, EnterpriseImport.Header, EnterpriseImport.NumericColumns, Examples)
        ?? BadRequest();

    private static readonly IReadOnlyDictionary<string, string>[] Examples =
    [
        new Dictionary<string, string>
        {
            ["uscc"] = Uscc.MakeValid("91331002MA2TPL01K"),
            ["name"] = "示例缝制设备（台州）有限公司",
            ["kind"] = "local",
            ["province"] = "浙江省",
            ["city"] = "台州市",
            ["district"] = "椒江区",
            ["industry_code"] = "3553",
            ["registered_capital_wan"] = "5000",
            ["annual_revenue_wan"] = "20000",
            ["employees"] = "300",
            ["qualifications"] = "high_tech;srdi",
            ["chain_nodes"] = "SEW:INDSEW;SEW:SPECIAL",
            ["main_products"] = "工业平缝机;自动模板机",
            ["contact_name"] = "张明",
            ["contact_title"] = "总经理",
            ["contact_phone"] = "0576-88000001",
            ["contact_email"] = "zhang.ming@example.com",
            ["website"] = "https://example.com",
        },
        new Dictionary<string, string>
        {
            ["uscc"] = Uscc.MakeValid("91320509MA2TPL02K"),
            ["name"] = "示例智能吊挂（苏州）有限公司",
            ["kind"] = "prospect",
            ["province"] = "江苏省",
            ["city"] = "苏州市",
            ["chain_nodes"] = "SEW:HANG",
            ["main_products"] = "智能吊挂系统",
        },
    ];

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!Accept(file, ".csv", ".xlsx"))
        {
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var (validation, summary) = await importer.ImportFileAsync(
            stream, file.FileName, new EnterpriseImportOptions(Source: "upload " + file.FileName), progress: null, ct);
        Problems = validation.Problems;
        Summary = summary;
        return Page();
    }
}
