using System.Net;
using System.Net.Http.Headers;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Projects;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary>/projects/export as CSV and XLSX: the list's filters, the reader's scope, the import's format — an exported
/// workbook uploaded again changes nothing.</summary>
public sealed class ProjectExportPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ReadAsync(HttpResponseMessage response, string fileName)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = ImportTestFiles.ReadBytes(await response.Content.ReadAsByteArrayAsync(), fileName);
        Assert.Equal(ProjectImport.Header, file.Header);
        return [.. file.Rows.Select(r => r.Values)];
    }

    [Fact]
    public async Task The_list_links_an_excel_export_of_its_filters_that_holds_what_the_csv_holds()
    {
        using var leader = await app.AsAsync("leader@demo.local");
        var list = await leader.PageAsync("/projects?stage=negotiation");
        var link = list.QuerySelector("a[data-testid=export-xlsx]")!.GetAttribute("href")!;
        Assert.Equal("/projects/export?stage=negotiation&format=xlsx", link);
        Assert.Equal("导出 Excel", list.QuerySelector("a[data-testid=export-xlsx]")!.TextContent);

        var xlsx = await leader.GetAsync(link);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar ?? xlsx.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var fromXlsx = await ReadAsync(xlsx, "projects.xlsx");
        var fromCsv = await ReadAsync(await leader.GetAsync("/projects/export?stage=negotiation"), "projects.csv");

        Assert.NotEmpty(fromXlsx);
        Assert.All(fromXlsx, row => Assert.Equal("negotiation", row["stage"]));
        Assert.Equal(fromCsv.Select(r => string.Join("|", r.Values)), fromXlsx.Select(r => string.Join("|", r.Values)));
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("/projects/export?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task A_staff_members_workbook_names_only_their_teams_projects()
    {
        using var staff2 = await app.AsAsync("staff2@demo.local");

        var rows = await ReadAsync(await staff2.GetAsync("/projects/export?format=xlsx"), "projects.xlsx");

        Assert.Equal(["JJ2026-002", "JJ2026-004", "JJ2026-005"], rows.Select(r => r["code"]).Order());
    }

    [Fact]
    public async Task The_exported_workbook_imports_again_with_every_project_unchanged()
    {
        using var admin = await app.AsAsync("admin@demo.local", culture: "en");
        var workbook = await (await admin.GetAsync("/projects/export?format=xlsx")).Content.ReadAsByteArrayAsync();
        var total = await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects");
        var audit = await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog");

        var page = await admin.PageAsync("/projects/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(page.QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        var part = new ByteArrayContent(workbook);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(part, "file", "projects.xlsx");
        var imported = await TestBrowser.ParseAsync(await admin.Client.PostAsync("/projects/import", form));

        var summary = imported.QuerySelector("[data-testid=summary]") ?? throw new InvalidOperationException(
            imported.QuerySelector("[data-testid=problems], [data-testid=file-error]")?.TextContent);
        Assert.Equal(("0", "0", total.ToString()), (summary.GetAttribute("data-created"), summary.GetAttribute("data-updated"), summary.GetAttribute("data-unchanged")));
        Assert.Equal(audit, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog"));
    }
}
