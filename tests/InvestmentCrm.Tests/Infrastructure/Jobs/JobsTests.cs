using System.Net;
using Dapper;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Reports.Briefs;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>Jobs through the real app: Quartz on the SQLite file, the run history, the pages and the brief job.</summary>
public sealed class JobsTests(JobsTests.Fixture fixture) : IClassFixture<JobsTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public JobsAppFactory App { get; } = new();

        public async Task InitializeAsync()
        {
            SystemTools.Require("/usr/bin/chromium", "chromium");
            _ = App.Services;
            await BriefSamples.InsertAsync(App.Db);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public sealed record Run(long Id, string Status, string TriggeredBy, string? TriggeredByName, long Attempt, string? Error, string? RequestKey);

    private async Task<IReadOnlyList<Run>> RunsAsync(string job)
    {
        await using var connection = await fixture.App.Db.OpenAsync();
        return (await connection.QueryAsync<Run>(
            "SELECT Id, Status, TriggeredBy, TriggeredByName, Attempt, Error, RequestKey FROM JobRuns WHERE JobName = @Job ORDER BY Id", new { Job = job })).AsList();
    }

    private Task EnqueueAsync(string job, string key) =>
        fixture.App.Services.GetRequiredService<JobQueue>().EnqueueAsync(job, new Dictionary<string, string> { [JobData.RequestKey] = key }, JobData.Sources.User, "test");

    [Fact]
    public async Task Generate_brief_button_runs_a_job_that_stores_one_brief_listed_and_downloadable_on_the_project()
    {
        using var browser = await fixture.App.SignedInAsync("staff1@demo.local");
        var page = await browser.PageAsync($"/reports/projects/{BriefSamples.Code}");

        var response = await browser.SubmitAsync(page, "[data-testid=project-briefs] form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var key = await Wait.ForAsync(async () =>
        {
            await using var connection = await fixture.App.Db.OpenAsync();
            return await connection.ExecuteScalarAsync<string?>(
                "SELECT r.RequestKey FROM DocumentRequests r JOIN Documents d ON d.RequestKey = r.RequestKey WHERE r.Subject = @Code AND r.TriggeredBy = 'user'",
                new { Code = BriefSamples.Code });
        }, "the brief to be stored");
        var runs = (await RunsAsync(InvestmentCrm.Web.Features.Reports.DocumentJob.Name)).Where(r => r.RequestKey == key).ToList();
        var run = Assert.Single(runs);
        Assert.Equal(("succeeded", "user", "staff1@demo.local"), (run.Status, run.TriggeredBy, run.TriggeredByName));

        var listed = await browser.PageAsync($"/reports/projects/{BriefSamples.Code}");
        var link = listed.QuerySelectorAll("[data-testid=project-briefs] a[href$='/download']").First();
        var download = await browser.GetAsync(link.GetAttribute("href")!);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Contains("招商项目简报", listed.QuerySelector("[data-testid=project-briefs]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_same_request_again_stores_no_second_document()
    {
        using var scope = fixture.App.Services.CreateScope();
        var documents = scope.ServiceProvider.GetRequiredService<InvestmentCrm.Web.Features.Reports.Documents>();
        var key = await documents.RequestAsync("brief", BriefSamples.Code, "en", null, null, "cli");
        await Wait.ForAsync(async () => await CountAsync(key) == 1, "the brief");

        await documents.FulfilAsync(key, CancellationToken.None);
        await documents.FulfilAsync(key, CancellationToken.None);

        Assert.Equal(1, await CountAsync(key));
    }

    private async Task<long> CountAsync(string key)
    {
        await using var connection = await fixture.App.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Documents WHERE RequestKey = @Key", new { Key = key });
    }

    [Fact]
    public async Task Entering_site_visit_or_negotiation_queues_a_brief_other_stages_do_not()
    {
        using var scope = fixture.App.Services.CreateScope();
        var briefs = scope.ServiceProvider.GetRequiredService<BriefRequests>();

        Assert.Null(await briefs.OnStageChangedAsync(BriefSamples.Code, "contacted", null));
        var key = await briefs.OnStageChangedAsync(BriefSamples.Code, "negotiation", null);

        Assert.NotNull(key);
        var triggeredBy = await Wait.ForAsync(async () =>
        {
            await using var connection = await fixture.App.Db.OpenAsync();
            return await connection.ExecuteScalarAsync<string?>("SELECT TriggeredBy FROM Documents WHERE RequestKey = @Key", new { Key = key });
        }, "the stage brief");
        Assert.Equal("stage:negotiation", triggeredBy);
    }

    [Fact]
    public async Task Moving_a_project_to_negotiation_on_its_page_queues_a_brief_shown_in_its_briefs_panel()
    {
        await BriefSamples.InsertAsync(fixture.App.Db, "JJ-T2", stage: "site_visit");
        using var browser = await fixture.App.SignedInAsync("staff1@demo.local");
        var page = await browser.PageAsync("/projects/JJ-T2");
        Assert.NotNull(page.QuerySelector("[data-testid=project-briefs]"));

        var response = await browser.SubmitAsync(page, "[data-testid=move-form]", new Dictionary<string, string> { ["Move.ToStage"] = "negotiation" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Wait.ForAsync(async () =>
        {
            await using var connection = await fixture.App.Db.OpenAsync();
            return await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM Documents WHERE Subject = 'JJ-T2' AND TriggeredBy = 'stage:negotiation'") == 1;
        }, "the brief of the move");
        var after = await browser.PageAsync("/projects/JJ-T2");
        Assert.Single(after.QuerySelectorAll("[data-testid=project-briefs] a[href$='/download']"));
    }

    [Fact]
    public async Task Generate_with_an_unknown_project_code_shows_the_reason_keeps_the_input_and_queues_nothing()
    {
        using var browser = await fixture.App.SignedInAsync("staff1@demo.local");
        var page = await browser.PageAsync("/reports");

        var response = await browser.SubmitAsync(page, "form[data-testid=generate-brief]", new Dictionary<string, string> { ["ProjectCode"] = "NO-SUCH-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await TestBrowser.ParseAsync(response);
        Assert.Contains("NO-SUCH-1", html.QuerySelector(".invalid-feedback")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("NO-SUCH-1", html.QuerySelector("#ProjectCode")!.GetAttribute("value"));
        await using var connection = await fixture.App.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DocumentRequests WHERE Subject = 'NO-SUCH-1'"));
    }

    [Fact]
    public async Task Staff_of_another_team_cannot_see_or_download_the_brief()
    {
        using var scope = fixture.App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<InvestmentCrm.Web.Features.Reports.Documents>()
            .RequestAsync("brief", BriefSamples.Code, "zh-CN", null, null, "cli");
        var id = await Wait.ForAsync(async () =>
        {
            await using var connection = await fixture.App.Db.OpenAsync();
            return await connection.ExecuteScalarAsync<long?>("SELECT MAX(Id) FROM Documents WHERE Subject = @Code", new { Code = BriefSamples.Code });
        }, "a brief");
        using var other = await fixture.App.SignedInAsync("staff2@demo.local");
        using var leader = await fixture.App.SignedInAsync("leader@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/reports/{id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/reports/projects/{BriefSamples.Code}")).StatusCode);
        Assert.Empty((await other.PageAsync("/reports")).QuerySelectorAll($"a[href='/reports/{id}/download']"));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/reports/{id}/download")).StatusCode);
        Assert.NotEmpty((await leader.PageAsync("/reports")).QuerySelectorAll($"a[href='/reports/{id}/download']"));
    }

    [Fact]
    public async Task A_failing_job_is_retried_with_back_off_and_the_retry_succeeds()
    {
        await EnqueueAsync("test-flaky", "flaky-1");

        var runs = await Wait.ForAsync(async () =>
        {
            var all = await RunsAsync("test-flaky");
            return all.Any(r => r.Status == "succeeded") ? all : null;
        }, "the retry to succeed");

        Assert.Collection(runs,
            first => Assert.Equal(("retrying", 0, "InvalidOperationException: flaky first attempt"), (first.Status, (int)first.Attempt, first.Error)),
            retry => Assert.Equal(("succeeded", 1, "retry"), (retry.Status, (int)retry.Attempt, retry.TriggeredBy)));
    }

    [Fact]
    public async Task A_job_that_keeps_failing_shows_its_error_on_the_jobs_page_and_an_admin_can_retry_it()
    {
        await EnqueueAsync("test-failing", "failing-1");
        var failed = await Wait.ForAsync(async () => (await RunsAsync("test-failing")).FirstOrDefault(r => r.Status == "failed"), "the run to fail for good");
        Assert.Equal(1L, failed.Attempt);

        using var admin = await fixture.App.SignedInAsync("admin@demo.local");
        var page = await admin.PageAsync("/admin/jobs?status=failed");
        var row = page.QuerySelector($"[data-testid=job-runs] tr[data-run='{failed.Id}']")!;
        Assert.Contains("supplier registry unreachable", row.TextContent, StringComparison.Ordinal);
        var response = await admin.SubmitAsync(page, $"tr[data-run='{failed.Id}'] form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var manual = await Wait.ForAsync(async () => (await RunsAsync("test-failing")).FirstOrDefault(r => r.TriggeredBy == "user" && r.TriggeredByName == "admin@demo.local"), "the manual retry");
        Assert.Equal("failing-1", manual.RequestKey);
    }

    [Fact]
    public async Task Jobs_page_lists_schedules_with_next_run_and_lets_an_admin_run_a_recurring_job_now()
    {
        using var admin = await fixture.App.SignedInAsync("admin@demo.local");
        var page = await admin.PageAsync("/admin/jobs");

        var hourly = page.QuerySelector("[data-testid=job-schedules] tr[data-job='test-hourly']")!;
        Assert.Contains("0 0 * * * ?", hourly.TextContent, StringComparison.Ordinal);
        Assert.NotEqual("—", hourly.QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=job-schedules] tr[data-job='document']"));

        var response = await admin.SubmitAsync(page, "tr[data-job='test-hourly'] form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The hourly schedule may fire too when the test runs at the top of the hour: look for the manual run.
        var run = await Wait.ForAsync(async () => (await RunsAsync("test-hourly")).FirstOrDefault(r => r.Status == "succeeded" && r.TriggeredBy != "schedule"), "the manual run");
        Assert.Equal(("user", "admin@demo.local"), (run.TriggeredBy, run.TriggeredByName));
    }

    [Theory]
    [InlineData("staff1@demo.local")]
    [InlineData("leader@demo.local")]
    public async Task Jobs_page_is_for_admins_only(string email)
    {
        using var browser = await fixture.App.SignedInAsync(email);

        var response = await browser.GetAsync("/admin/jobs");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("accessdenied", response.Headers.Location?.ToString() ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Jobs_page_shows_in_english()
    {
        using var admin = await fixture.App.SignedInAsync("admin@demo.local", culture: "en");

        var page = await admin.PageAsync("/admin/jobs");

        Assert.Contains("Background jobs", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Generate a document (PDF)", page.QuerySelector("[data-testid=job-schedules]")!.TextContent, StringComparison.Ordinal);
    }
}
