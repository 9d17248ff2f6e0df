using System.Net;
using Dapper;
using Hangfire;
using Hangfire.Common;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Features.Reports.Briefs;
using InvestmentCrm.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Infrastructure.Jobs;

/// <summary>The document (brief) jobs through the real app: Hangfire on its SQLite file beside the app's, real PDFs.</summary>
public sealed class JobsTests(JobsTests.Fixture fixture) : IClassFixture<JobsTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public GatedBriefsFactory App { get; } = new();

        public async Task InitializeAsync()
        {
            SystemTools.Require("/usr/bin/chromium", "chromium");
            _ = App.Services;
            await BriefSamples.InsertAsync(App.Db);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>The app whose brief of <see cref="BriefGate.Subject"/> waits until two renderings of it are under way.</summary>
    public sealed class GatedBriefsFactory : JobsAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IDocumentGenerator>(d => d.ImplementationType == typeof(BriefGenerator));
                services.AddScoped<BriefGenerator>();
                services.AddSingleton<BriefGate>();
                services.AddScoped<IDocumentGenerator, GatedBriefGenerator>();
            });
        }
    }

    public sealed class BriefGate
    {
        public const string Subject = "JJ-TWICE";
        private readonly TaskCompletionSource both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public int Arrived => arrived;

        public async Task PassAsync(CancellationToken ct)
        {
            if (Interlocked.Increment(ref arrived) >= 2)
            {
                both.TrySetResult();
            }

            await both.Task.WaitAsync(TimeSpan.FromSeconds(Wait.DefaultSeconds), ct);
        }
    }

    private sealed class GatedBriefGenerator(BriefGenerator inner, BriefGate gate) : IDocumentGenerator
    {
        public string Kind => inner.Kind;

        public async Task<RenderedDocument?> RenderAsync(string subject, string culture, DateTime generatedAtUtc, CancellationToken ct)
        {
            if (subject == BriefGate.Subject)
            {
                await gate.PassAsync(ct);
            }

            return await inner.RenderAsync(subject, culture, generatedAtUtc, ct);
        }
    }

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
            return await connection.ExecuteScalarAsync<string?>("""
                SELECT r.RequestKey FROM DocumentRequests r JOIN Documents d ON d.RequestKey = r.RequestKey
                JOIN Users u ON u.Id = d.GeneratedByUserId
                WHERE r.Subject = @Code AND r.TriggeredBy = 'user' AND u.Email = 'staff1@demo.local'
                """, new { Code = BriefSamples.Code });
        }, "the brief to be stored");
        // The dashboard shows the job with who caused it.
        var job = Assert.Single(StoredJobs.Of<DocumentJob>(fixture.App.JobStorage, key));
        await Wait.ForStateAsync(fixture.App.JobStorage, job, "Succeeded");
        Assert.Equal("staff1@demo.local", StoredJobs.Parameter(fixture.App.JobStorage, job, TriggeredByFilter.Parameter));

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
        var documents = scope.ServiceProvider.GetRequiredService<Documents>();
        var key = await documents.RequestAsync("brief", BriefSamples.Code, "en", null, DocumentTriggers.Cli);
        await Wait.ForAsync(async () => await CountAsync(key) == 1, "the brief");

        await documents.FulfilAsync(key, CancellationToken.None);
        await documents.FulfilAsync(key, CancellationToken.None);

        Assert.Equal(1, await CountAsync(key));
    }

    [Fact]
    public async Task The_same_job_executed_twice_at_the_same_time_stores_one_document()
    {
        await BriefSamples.InsertAsync(fixture.App.Db, BriefGate.Subject);
        using var scope = fixture.App.Services.CreateScope();
        var key = await scope.ServiceProvider.GetRequiredService<Documents>().RequestAsync("brief", BriefGate.Subject, "zh-CN", null, DocumentTriggers.Cli);

        // What a duplicate fetch does (two nodes on one SQLite file, or a job outliving its invisibility timeout).
        fixture.App.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<DocumentJob>(job => job.RunAsync(key, "brief", BriefGate.Subject, CancellationToken.None));

        var jobs = await Wait.ForAsync(() => Task.FromResult<IReadOnlyList<string>?>(
            StoredJobs.Of<DocumentJob>(fixture.App.JobStorage, key) is { Count: 2 } both ? both : null), "both jobs to be stored");
        foreach (var job in jobs)
        {
            await Wait.ForStateAsync(fixture.App.JobStorage, job, "Succeeded");
        }

        Assert.Equal(2, fixture.App.Services.GetRequiredService<BriefGate>().Arrived); // both were rendering at once
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
        Assert.Empty(StoredJobs.Of<DocumentJob>(fixture.App.JobStorage, "NO-SUCH-1"));
    }

    [Fact]
    public async Task Staff_of_another_team_cannot_see_or_download_the_brief()
    {
        using var scope = fixture.App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Documents>().RequestAsync("brief", BriefSamples.Code, "zh-CN", null, DocumentTriggers.Cli);
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
    public void Every_job_takes_a_cancellation_token_and_declares_its_retries()
    {
        Type[] jobs = [typeof(DocumentJob), typeof(InvestmentCrm.Web.Features.Digest.DigestJob), typeof(InvestmentCrm.Web.Features.Digest.OutboxSendJob),
            typeof(InvestmentCrm.Web.Features.Reports.ChainGap.ChainGapReportsJob), typeof(InvestmentCrm.Web.Features.Reports.Dispatch.DispatchReportJob),
            typeof(BenchmarkJob)];

        var retries = jobs.ToDictionary(t => t.Name, t =>
        {
            var run = t.GetMethod("RunAsync")!;
            Assert.Equal(typeof(CancellationToken), run.GetParameters()[^1].ParameterType);
            var retry = (AutomaticRetryAttribute)Attribute.GetCustomAttribute(run, typeof(AutomaticRetryAttribute))!;
            return (retry.Attempts, string.Join(",", retry.DelaysInSeconds ?? []));
        });

        Assert.Equal((3, "30,120,600"), retries["DocumentJob"]);
        Assert.Equal((3, "300,900,3600"), retries["DigestJob"]);
        Assert.Equal((0, ""), retries["OutboxSendJob"]); // the outbox retries each message itself, and runs every minute
        Assert.Equal((3, "300,1800,7200"), retries["ChainGapReportsJob"]);
        Assert.Equal((3, "300,1800,7200"), retries["DispatchReportJob"]);
        Assert.All(AppJobs.Recurring, job => Assert.Contains(job.JobType, jobs));
    }
}

internal static class ServiceCollectionTestExtensions
{
    public static void RemoveAll<T>(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(T) && match(d)).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
