using System.Diagnostics;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Attachments;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Features.Reports.ChainGap;
using InvestmentCrm.Web.Infrastructure.Mail;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace InvestmentCrm.Tests.Features;

/// <summary>
/// The demo data as a bureau has it after a while: the monthly chain-gap reports and a brief of every project are
/// stored for download, each project keeps its brief as an attachment (a file that names the project, so a download
/// outside the reader's scope would show), and every Staff member follows every chain (so their digests have the
/// chain section).
/// </summary>
public sealed class ScopeCrawlFixture : PdfAppFixture
{
    protected override async Task SeedAsync(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<ChainGapReports>().GenerateMonthlyAsync(CancellationToken.None);
        var documents = services.GetRequiredService<Documents>();
        foreach (var code in await app.Db.QueryAsync<string>("SELECT Code FROM Projects ORDER BY Code"))
        {
            await documents.EnsureAsync("crawl:brief:" + code, DocumentKinds.Brief, code, "zh-CN", DocumentTriggers.User);
        }

        await AttachBriefsAsync(app, services.GetRequiredService<AttachmentFiles>());

        await app.Db.ExecuteAsync("""
            INSERT INTO UserFollowedChains (UserId, ChainId)
            SELECT u.Id, c.Id FROM Users u CROSS JOIN Chains c
            WHERE u.Id IN (SELECT ur.UserId FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE r.NormalizedName = 'STAFF')
              AND NOT EXISTS (SELECT 1 FROM UserFollowedChains f WHERE f.UserId = u.Id AND f.ChainId = c.Id)
            """);
    }

    private static async Task AttachBriefsAsync(AppFactory app, AttachmentFiles files)
    {
        var adminId = (await app.Db.QueryAsync<long>("SELECT Id FROM Users WHERE Email = 'admin@demo.local'")).Single();
        var briefs = await app.Db.QueryAsync<(long Id, string Code, long OwnerUserId, byte[] Content)>("""
            SELECT p.Id, p.Code, p.OwnerUserId, d.Content
            FROM Projects p JOIN Documents d ON d.RequestKey = 'crawl:brief:' || p.Code
            ORDER BY p.Code
            """);
        foreach (var (id, code, ownerUserId, content) in briefs)
        {
            var owner = new AttachmentOwner { Type = AttachmentOwner.Project, Id = id, Code = code, OwnerUserId = ownerUserId };
            using var stream = new MemoryStream(content);
            var file = new FormFile(stream, 0, content.Length, "File", $"brief-{code}.pdf") { Headers = new HeaderDictionary(), ContentType = "application/pdf" };
            Assert.Null(await files.AddAsync(owner, file, adminId, CancellationToken.None));
        }
    }
}

/// <summary>
/// Who may see what, checked without a list of pages: each Staff member of the demo signs in and crawls the site
/// (<see cref="SiteCrawler"/>: every link and GET form reachable from the home page, every export and stored PDF),
/// then gets their weekly digests. No response may name a project outside the reader's scope — computed here from
/// the database as DESIGN.md states the rule: Staff see the projects they own and those of their team — and no
/// page may answer 500.
/// </summary>
public sealed class ScopeCrawlTests(ScopeCrawlFixture fixture, ITestOutputHelper output) : IClassFixture<ScopeCrawlFixture>
{
    /// <summary>The demo site has about 250 distinct pages for a Staff member; the budget leaves room to grow.</summary>
    private const int PageBudget = 400;

    private AppFactory App => fixture.App;

    [Fact]
    public async Task Every_staff_member_crawling_the_site_meets_only_projects_in_their_scope_and_no_server_error()
    {
        var failures = new List<string>();
        foreach (var reader in await StaffAsync())
        {
            var (allowed, forbidden) = await CodesAsync(reader);
            using var browser = await App.SignedInAsync(reader.Email);
            var started = Stopwatch.GetTimestamp();
            var crawl = await new SiteCrawler(browser.Client, PageBudget).CrawlAsync("/");
            output.WriteLine($"{reader.Email}: {crawl.Responses.Count} URLs in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"
                + (crawl.BudgetReached ? $" (stopped at the budget of {PageBudget})" : "") + "; "
                + string.Join(", ", crawl.Responses.GroupBy(r => r.Kind).Select(g => $"{g.Count()} {g.Key}")));

            failures.AddRange(crawl.Responses.Where(r => r.Status >= 500).Select(r => $"{reader.Email}: GET {r.Url} answered {r.Status}"));
            failures.AddRange(crawl.Responses.SelectMany(r => Named(r.Text, forbidden).Select(code => $"{reader.Email}: {r.Url} ({r.Kind}) names {code}, a project outside their scope")));
            // The crawl must really have gone everywhere: own projects met, and every kind of download read.
            failures.AddRange(new[] { "html", "json", "csv", "xlsx", "pdf" }
                .Where(kind => !crawl.Responses.Any(r => r.Kind == kind && r.Status == 200))
                .Select(kind => $"{reader.Email}: the crawl fetched no {kind}"));
            if (!crawl.Responses.Any(r => r.Url.Contains("/attachments/", StringComparison.Ordinal) && r.Kind == "pdf" && r.Status == 200 && Named(r.Text, allowed).Any()))
            {
                failures.Add($"{reader.Email}: the crawl downloaded no attachment of their own projects");
            }
            if (!crawl.Responses.Any(r => Named(r.Text, allowed).Any()))
            {
                failures.Add($"{reader.Email}: the crawl never met one of their own projects ({string.Join(", ", allowed)})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    [Fact]
    public async Task Every_staff_members_weekly_digests_name_only_projects_in_their_scope()
    {
        using var scope = App.Services.CreateScope();
        var builder = scope.ServiceProvider.GetRequiredService<DigestBuilder>();
        var renderer = scope.ServiceProvider.GetRequiredService<DigestRenderer>();
        var zone = scope.ServiceProvider.GetRequiredService<IOptions<AppOptions>>().Value.FindTimeZone();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        // The demo projects were created when the app started: this week, or last week if the week turned since.
        var thisWeek = IsoWeekId.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime));
        var recipients = await builder.RecipientsAsync(CancellationToken.None);
        var pdfs = new Dictionary<string, EmailAttachment?>(StringComparer.Ordinal);

        var failures = new List<string>();
        foreach (var reader in await StaffAsync())
        {
            var (allowed, forbidden) = await CodesAsync(reader);
            var recipient = recipients.Single(r => r.UserId == reader.Id);
            Assert.NotEmpty(recipient.FollowedChainIds);
            var texts = new List<string>();
            foreach (var week in new[] { thisWeek.Previous, thisWeek })
            {
                var content = await builder.BuildAsync(recipient, week, CancellationToken.None);
                content.Attachments.AddRange(await builder.GapPdfsAsync(recipient, pdfs, CancellationToken.None));
                var mail = renderer.Render(content);
                texts.AddRange([mail.Subject, mail.Html, mail.Text]);
                foreach (var attachment in content.Attachments)
                {
                    texts.Add(attachment.ContentType == "application/pdf" ? await PdfTools.TextAsync(attachment.Content) : System.Text.Encoding.UTF8.GetString(attachment.Content));
                }

                failures.AddRange(texts.SelectMany(t => Named(t, forbidden)).Distinct()
                    .Select(code => $"{reader.Email}: the digest of {week} names {code}, a project outside their scope"));
            }

            if (!texts.Any(t => Named(t, allowed).Any()))
            {
                failures.Add($"{reader.Email}: the digests name none of their own projects ({string.Join(", ", allowed)})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    private Task<IReadOnlyList<ScopeReaders.Reader>> StaffAsync() => ScopeReaders.StaffAsync(App);

    private Task<(IReadOnlyList<string> Allowed, IReadOnlyList<string> Forbidden)> CodesAsync(ScopeReaders.Reader reader) => ScopeReaders.CodesAsync(App, reader);

    private static IEnumerable<string> Named(string text, IEnumerable<string> codes) => ScopeReaders.Named(text, codes);
}
