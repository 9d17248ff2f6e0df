using System.Net;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Features.Reports.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Reports;

/// <summary>
/// The dispatch report as a PDF (Razor → Chromium, read back with pdftotext) on the seeded month: the figures, the
/// definitions, the owners; the monthly job (once per month), the leaders' digest attachment, the page's PDF button
/// per role and the command line.
/// </summary>
public sealed class DispatchPdfTests(DispatchApp fixture) : IClassFixture<DispatchApp>
{
    private const string TeamAMonthRow = DispatchSamples.TeamA + @"\s+4\s+3\s+3,500\s+2\s+1\s+500\s+75\.0%\s+66\.7%\s+50\.0%";

    private static void RequireTools()
    {
        SystemTools.Require("/usr/bin/chromium", "chromium");
        SystemTools.Require("/usr/bin/pdftotext", "poppler-utils");
    }

    [Fact]
    public async Task Bureau_pdf_prints_each_teams_figures_rates_definitions_and_stalled_owners_in_chinese_and_english()
    {
        RequireTools();
        await fixture.ReadyAsync();

        var zh = await PdfTools.GenerateToTextAsync(fixture, DocumentKinds.Dispatch, fixture.Month.ToString(), "zh-CN", "dispatch-zh-CN");
        var en = await PdfTools.GenerateToTextAsync(fixture, DocumentKinds.Dispatch, fixture.Month.ToString(), "en", "dispatch-en");

        Assert.Contains($"月度调度报告（{fixture.Month}）", zh, StringComparison.Ordinal);
        Assert.Matches(TeamAMonthRow, zh);
        Assert.Matches(DispatchSamples.TeamB + @"\s+0\s+1\s+800\s+0\s+0\s+0\s+—\s+0\.0%\s+—", zh);
        Assert.Contains("签约率 = 期间签约个数 ÷ 期间新增线索数", zh, StringComparison.Ordinal);
        Assert.Contains("未设目标", zh, StringComparison.Ordinal);
        Assert.Contains("全局合计", zh, StringComparison.Ordinal);
        Assert.Matches(@"DA-4.*" + DispatchSamples.OwnerA, zh);
        Assert.Matches(@"DB-1.*" + DispatchSamples.OwnerB, zh);
        Assert.Contains("自然资源局", zh, StringComparison.Ordinal);
        Assert.Contains($"Monthly dispatch report ({fixture.Month})", en, StringComparison.Ordinal);
        Assert.Matches(TeamAMonthRow, en);
        Assert.Contains("Signing rate (签约率) = signings in the period ÷ new leads in the period.", en.ReplaceLineEndings(" ").Replace("  ", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bureau_pdf_embeds_each_face_of_brief_sc_once_and_no_type3_font()
    {
        RequireTools();
        await fixture.ReadyAsync();

        var pdf = await PdfTools.GenerateAsync(fixture, DocumentKinds.Dispatch, fixture.Month.ToString(), "zh-CN", "dispatch-zh-CN-fonts");

        await PdfTools.AssertEmbedsBriefScWithoutType3Async(pdf);
    }

    [Fact]
    public async Task Monthly_job_stores_the_month_before_once_per_language_and_the_leaders_digest_of_that_week_attaches_it()
    {
        RequireTools();
        await fixture.ReadyAsync();
        using var scope = fixture.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<DispatchReports>();

        var first = await reports.GenerateMonthlyAsync(CancellationToken.None);
        var second = await reports.GenerateMonthlyAsync(CancellationToken.None);

        Assert.Equal(fixture.Month, reports.MonthlyMonth);
        Assert.Equal((2, 0), (first, second));
        Assert.Equal(2, await fixture.Db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM Documents WHERE Kind = 'dispatch' AND TriggeredBy = 'schedule' AND Subject = @Subject", new { Subject = fixture.Month.ToString() }));
        var stored = await fixture.Db.QuerySingleOrDefaultAsync<byte[]>(
            "SELECT Content FROM Documents WHERE RequestKey = @Key", new { Key = DispatchReports.MonthlyKey("zh-CN", fixture.Month) });
        Assert.Matches(TeamAMonthRow, await PdfTools.TextAsync(stored!));

        var week = IsoWeekId.Of(fixture.Today);
        await scope.ServiceProvider.GetRequiredService<DigestScheduler>().RunAsync(week, dryRun: false);

        const string attachments = """
            SELECT a.FileName FROM OutboxAttachments a JOIN OutboxMessages m ON m.Id = a.OutboxMessageId
            WHERE m.ToAddress = @Email AND m.DedupKey LIKE @Week
            """;
        var leader = await fixture.Db.QueryAsync<string>(attachments, new { Email = "leader@demo.local", Week = $"digest:{week}:%" });
        var staff = await fixture.Db.QueryAsync<string>(attachments, new { Email = DispatchSamples.StaffA, Week = $"digest:{week}:%" });
        Assert.Contains($"月度调度报告-{fixture.Month}.pdf", leader);
        Assert.DoesNotContain(staff, name => name.Contains(fixture.Month.ToString(), StringComparison.Ordinal));
        // The week before holds no stored report: its digest has none.
        Assert.Empty(await DispatchReports.StoredAsync(fixture.Db, DateTime.MinValue, scope.ServiceProvider.GetRequiredService<DigestBuilder>().UtcRange(week).FromUtc, "zh-CN", CancellationToken.None));

        // Leaders find the stored report from the page; staff cannot download it.
        using var reader = await fixture.AsAsync("leader@demo.local");
        var href = (await reader.PageAsync("/reports/dispatch?month=" + fixture.Month)).QuerySelector("[data-testid=stored-pdf]")!.GetAttribute("href")!;
        Assert.Equal("application/pdf", (await reader.GetAsync(href)).Content.Headers.ContentType!.MediaType);
        using var staffBrowser = await fixture.AsAsync(DispatchSamples.StaffB);
        Assert.Equal(HttpStatusCode.NotFound, (await staffBrowser.GetAsync(href)).StatusCode);
        Assert.Null((await staffBrowser.PageAsync("/reports/dispatch?month=" + fixture.Month)).QuerySelector("[data-testid=stored-pdf]"));
    }

    [Fact]
    public async Task Pdf_button_prints_a_staff_members_team_report_at_once_and_queues_the_bureaus_for_a_leader()
    {
        RequireTools();
        using var staff = await fixture.AsAsync(DispatchSamples.StaffB);
        var url = "/reports/dispatch?month=" + fixture.Month;

        var pdf = await staff.SubmitAsync(await staff.PageAsync(url), "form[data-testid=pdf-form]", new Dictionary<string, string>());

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = await PdfTools.TextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Matches(DispatchSamples.TeamB + @"\s+0\s+1\s+800", text);
        Assert.DoesNotContain(DispatchSamples.TeamA, text, StringComparison.Ordinal);
        Assert.DoesNotContain("DA-4", text, StringComparison.Ordinal);

        using var leader = await fixture.AsAsync("leader@demo.local");
        var before = await fixture.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DocumentRequests WHERE Kind = 'dispatch' AND TriggeredBy = 'user'", null);
        var queued = await leader.SubmitAsync(await leader.PageAsync(url), "form[data-testid=pdf-form]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        Assert.Contains("/reports?kind=dispatch", queued.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before + 1, await fixture.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DocumentRequests WHERE Kind = 'dispatch' AND TriggeredBy = 'user'", null));
    }

    [Fact]
    public async Task Command_line_writes_the_months_pdf_and_refuses_a_bad_month_in_the_users_language_writing_nothing()
    {
        RequireTools();
        await fixture.ReadyAsync();
        using var folder = new TempDirectory("crm-dispatch");
        var path = folder.File("dispatch.pdf");

        var ok = await Support.Cli.RunAsync(fixture.DatabasePath, "report", "dispatch", "--month", fixture.Month.ToString(), "--out", path);
        var badZh = await Support.Cli.RunInAsync("zh-CN", fixture.DatabasePath, "report", "dispatch", "--month", "2026-13", "--out", path + ".x");
        var badEn = await Support.Cli.RunAsync(fixture.DatabasePath, "report", "dispatch", "--out", path + ".y", "--month", "11/2026");
        var usage = await Support.Cli.RunAsync(fixture.DatabasePath, "report", "dispatch", "--month", fixture.Month.ToString());

        Assert.Equal(0, ok.ExitCode);
        Assert.Matches(TeamAMonthRow, await PdfTools.TextAsync(path));
        Assert.Equal((2, 2, 2), (badZh.ExitCode, badEn.ExitCode, usage.ExitCode));
        Assert.Contains("“2026-13”不是可用的月份：请按 YYYY-MM 填写", badZh.Error, StringComparison.Ordinal);
        Assert.Contains("“11/2026” is not a month the report can cover: write YYYY-MM", badEn.Error, StringComparison.Ordinal);
        Assert.Contains("report dispatch --month YYYY-MM --out FILE", usage.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".x"));
        Assert.False(File.Exists(path + ".y"));
    }
}
