using AngleSharp.Html.Dom;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Features.Search;

/// <summary>
/// Every demo Staff member signs in and searches for every project (by code, by title, by its enterprise) and opens
/// the notifications menu after every project has had each kind of event — a leader's comment, a stage change, a next
/// step due today, and an assignment to each Staff member before it went back to its owner. No search result and no
/// notification may name a project outside the reader's scope, and each reader must meet their own projects.
/// </summary>
public sealed class SearchAndNotificationScopeTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    [Fact]
    public async Task No_search_result_or_notification_names_a_project_outside_the_readers_scope()
    {
        await app.ReadyAsync();
        var staff = await ScopeReaders.StaffAsync(app);
        await EveryKindOfEventOnEveryProjectAsync(staff);

        var failures = new List<string>();
        foreach (var reader in staff)
        {
            var (allowed, forbidden) = await ScopeReaders.CodesAsync(app, reader);
            using var browser = await app.AsAsync(reader.Email);
            var searches = await SearchTextsAsync(browser);
            var notifications = await NotificationTextsAsync(browser);

            failures.AddRange(searches.Concat(notifications).SelectMany(t => ScopeReaders.Named(t.Text, forbidden).Select(code => $"{reader.Email}: {t.Url} names {code}")));
            if (!searches.Any(t => ScopeReaders.Named(t.Text, allowed).Any()))
            {
                failures.Add($"{reader.Email}: no search found one of their own projects");
            }

            foreach (var kind in new[] { "assigned", "comment", "stage", "due" }.Where(k => reader.Email != ProjectsApp.Teammate || k == "stage"))
            {
                if (!notifications.Any(t => t.Text.Contains($"data-kind=\"{kind}\"", StringComparison.Ordinal)))
                {
                    failures.Add($"{reader.Email}: no {kind} notification about their own projects");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    /// <summary>A comment by the leader and a next step due today by the owner on every project, a stage move by the
    /// admin on every other one (to on hold, whose next steps are no reminders); and each project given to every Staff
    /// member in turn, then back to its owner.</summary>
    private async Task EveryKindOfEventOnEveryProjectAsync(IReadOnlyList<ScopeReaders.Reader> staff)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var scope = app.Services.CreateScope();
        var followUps = scope.ServiceProvider.GetRequiredService<ProjectFollowUps>();
        var writer = scope.ServiceProvider.GetRequiredService<ProjectWriter>();
        var leader = await app.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'leader@demo.local'");
        var admin = await app.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'admin@demo.local'");
        var projects = await app.Db.QueryAsync<(long Id, long OwnerUserId)>("SELECT Id, OwnerUserId FROM Projects ORDER BY Id");
        foreach (var (id, owner, index) in projects.Select((p, i) => (p.Id, p.OwnerUserId, i)))
        {
            Assert.True((await followUps.AddCommentAsync(id, "请抓紧推进", leader)).Succeeded);
            Assert.True((await followUps.AddActivityAsync(id, new ActivityInput("call", app.Today, null, "电话沟通", "报送用地方案", app.Today), owner)).Succeeded);
            if (index % 2 == 0)
            {
                var version = await app.ScalarAsync<int>("SELECT Version FROM Projects WHERE Id = @Id", new { Id = id });
                Assert.True((await writer.MoveAsync(id, version, new StageMove(ProjectStages.OnHold, "等待企业董事会决策", null, null), admin)).Succeeded);
            }

            foreach (var reader in staff.Where(s => s.Id != owner).Append(staff.Single(s => s.Id == owner)))
            {
                await app.Db.InTransactionAsync(session => writer.ReassignAsync(session, id, reader.Id));
            }

            Assert.Equal(owner, await app.ScalarAsync<long>("SELECT OwnerUserId FROM Projects WHERE Id = @Id", new { Id = id }));
        }

        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM ProjectAssignments") >= projects.Count * staff.Count);
    }

    private async Task<List<(string Url, string Text)>> SearchTextsAsync(TestBrowser browser)
    {
        var queries = new List<string> { "JJ2026", "JJ" };
        queries.AddRange(await app.Db.QueryAsync<string>("SELECT Title FROM Projects"));
        queries.AddRange(await app.Db.QueryAsync<string>("SELECT e.Name FROM Enterprises e WHERE e.Id IN (SELECT EnterpriseId FROM Projects)"));
        var urls = queries.SelectMany(q => new[] { "/search?q=", "/search/suggest?q=", "/search?kind=projects&q=" }.Select(u => u + Uri.EscapeDataString(q))).ToList();
        var texts = new List<(string, string)>();
        foreach (var url in urls)
        {
            texts.Add((url, await browser.Client.GetStringAsync(url)));
        }

        return texts;
    }

    private static async Task<List<(string Url, string Text)>> NotificationTextsAsync(TestBrowser browser)
    {
        var text = await browser.Client.GetStringAsync("/notifications");
        var page = await TestBrowser.ParseAsync(text, new Uri("http://localhost/notifications"));
        var form = (IHtmlFormElement)page.QuerySelector("form[data-testid=notifications]")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(TestBrowser.FormFields(form)) };
        request.Headers.Add("HX-Request", "true");
        var menu = await (await browser.Client.SendAsync(request)).Content.ReadAsStringAsync();
        return [("/notifications", text), ("POST /notifications", menu)];
    }
}
