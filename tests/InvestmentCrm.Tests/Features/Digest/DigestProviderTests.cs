using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Tests.Features.Digest;

/// <summary>Digest content per role and idempotent weekly runs, once per database provider, on the seeded week
/// 2026-W48. The outbox that sends them is tested in Infrastructure/Mail/OutboxProviderTests.</summary>
public abstract class DigestProviderTests(DatabaseProvider provider) : DigestWorldTests(provider)
{
    [ProviderFact]
    public async Task Recipients_are_active_users_with_digests_on_and_leaders_and_admins_see_everything()
    {
        var recipients = await World.Builder.RecipientsAsync(CancellationToken.None);

        Assert.Equal(["admin@crm.example", "leader@crm.example", "staff1@crm.example", "staff2@crm.example"], recipients.Select(r => r.Email));
        Assert.Equal([true, true, false, false], recipients.Select(r => r.SeesAll));
    }

    [ProviderFact]
    public async Task Staff_digest_has_own_stage_changes_signing_follow_ups_and_red_yellow_projects_plus_new_projects_on_followed_chains()
    {
        var content = await World.ContentAsync("staff1@crm.example");

        Assert.Equal([("XM-001", "contacted", "negotiation"), ("XM-002", "negotiation", "signed")],
            content.StageChanges.Rows.Select(r => (r.Code, r.FromStage!, r.ToStage)));
        Assert.Empty(content.NewProjects.Rows); // XM-005 is new on SEW, which staff1 follows, but 招商二科's: outside staff1's scope
        Assert.Equal(("XM-002", 52000m), (content.Signings.Rows.Single().Code, content.Signings.Rows.Single().InvestmentWan!.Value));
        Assert.Equal(52000m, content.SignedInvestmentWan);
        Assert.Equal(("寄送投资协议草案", new DateOnly(2026, 11, 20)), (content.Overdue.Rows.Single().NextStep, content.Overdue.Rows.Single().DueOn));
        Assert.Equal("安排董事长实地考察", content.DueThisWeek.Rows.Single().NextStep);
        Assert.Equal(("XM-003", 81), (content.RedProjects.Rows.Single().Code, content.RedProjects.Rows.Single().IdleDays));
        Assert.Equal(("XM-004", 41), (content.YellowProjects.Rows.Single().Code, content.YellowProjects.Rows.Single().IdleDays));
        Assert.Empty(content.Targets);
    }

    [ProviderFact]
    public async Task Staff_digest_is_in_chinese_with_links_back_to_the_app_and_a_plain_text_part()
    {
        var rendered = World.Renderer.Render(await World.ContentAsync("staff1@crm.example"));

        Assert.StartsWith("招商工作周报 2026-W48", rendered.Subject, StringComparison.Ordinal);
        Assert.Contains("项目阶段变化 (2)", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("初步接洽 → 深度洽谈", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("签约项目：1 个，合同投资 52,000 万元", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://crm.example/projects/XM-001\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://crm.example/account/profile\"", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", rendered.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", rendered.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", rendered.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("XM-003 缝纫机零部件配套项目 <https://crm.example/projects/XM-003>", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("红色预警项目（长期未跟进） (1)", rendered.Text, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task The_red_and_yellow_thresholds_come_from_the_project_settings()
    {
        var builder = new DigestBuilder(World.Db, World.App, World.EmailOptions, Options.Create(new ProjectOptions { YellowDays = 40, RedDays = 90 }));

        var content = await builder.BuildAsync(await World.RecipientAsync("staff1@crm.example"), DigestWorld.Week, CancellationToken.None);

        Assert.Equal(["XM-003", "XM-004"], content.YellowProjects.Rows.Select(r => r.Code)); // 81 and 41 days: yellow, none red
        Assert.Empty(content.RedProjects.Rows);
    }

    [ProviderFact]
    public async Task A_project_silent_exactly_the_red_or_yellow_days_is_red_or_yellow_as_on_the_project_pages()
    {
        // Days idle are counted to the end of the week, Monday 30 November: 60 days is red, 30 yellow (ProjectHealth).
        await World.Db.ExecuteAsync("UPDATE Projects SET LastActivityOn = @On WHERE Code = 'XM-004'", new { On = new DateOnly(2026, 10, 1) });
        await World.Db.ExecuteAsync("UPDATE Projects SET LastActivityOn = @On WHERE Code = 'XM-007'", new { On = new DateOnly(2026, 10, 31) });

        var staff1 = await World.ContentAsync("staff1@crm.example");
        var staff2 = await World.ContentAsync("staff2@crm.example");

        Assert.Equal([("XM-003", 81, true), ("XM-004", 60, true)], staff1.RedProjects.Rows.Select(r => (r.Code, r.IdleDays, r.IsRed)));
        Assert.Empty(staff1.YellowProjects.Rows);
        Assert.Equal([("XM-007", 30)], staff2.YellowProjects.Rows.Select(r => (r.Code, r.IdleDays)));
    }

    [ProviderFact]
    public async Task Overdue_next_steps_of_a_project_on_hold_are_left_out_as_on_the_dashboard()
    {
        await World.Db.ExecuteAsync("UPDATE Projects SET Stage = 'on_hold', StageReason = '企业暂缓' WHERE Code = 'XM-001'");

        var content = await World.ContentAsync("staff1@crm.example");

        Assert.Empty(content.Overdue.Rows);
        Assert.Empty(content.DueThisWeek.Rows);
    }

    [ProviderFact]
    public async Task A_signing_counts_in_its_week_and_year_after_the_project_is_put_on_hold()
    {
        await World.Db.ExecuteAsync("UPDATE Projects SET Stage = 'on_hold', StageReason = '企业暂缓' WHERE Code = 'XM-002'");

        var content = await World.ContentAsync("leader@crm.example");

        Assert.Equal(["XM-002"], content.Signings.Rows.Select(r => r.Code));
        Assert.Equal((60000m, 52000m), (content.Targets[0].SignedWan, content.Targets.Single(t => t.TeamName == "招商一科").SignedWan));
    }

    [ProviderFact]
    public async Task Staff_following_a_chain_get_its_new_projects_of_their_own_team_and_none_of_other_teams()
    {
        // A teammate's (招商一科) new project on SEW this week, beside staff2's XM-005 (招商二科) on the same link.
        await World.Db.ExecuteAsync("""
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, PlannedInvestmentWan,
                                  Version, CreatedAtUtc, UpdatedAtUtc)
            SELECT 'XM-008', '吊挂系统配套项目', p.EnterpriseId, 'lead', 'referral', u.Id, u.TeamId, 2, 1000, 1, @At, @At
            FROM Projects p CROSS JOIN Users u WHERE p.Code = 'XM-005' AND u.Email = 'gone@crm.example'
            """, new { At = new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Utc) });
        await World.Db.ExecuteAsync("""
            INSERT INTO ProjectNodes (ProjectId, NodeId)
            SELECT p.Id, pn.NodeId FROM ProjectNodes pn JOIN Projects x ON x.Id = pn.ProjectId CROSS JOIN Projects p
            WHERE p.Code = 'XM-008' AND x.Code = 'XM-005'
            """);

        var content = await World.ContentAsync("staff1@crm.example");
        var rendered = World.Renderer.Render(content);

        Assert.Equal(["XM-008"], content.NewProjects.Rows.Select(r => r.Code));
        Assert.Equal(1, content.NewProjects.Total);
        Assert.DoesNotContain("XM-005", rendered.Html + rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("吊挂系统研发中心", rendered.Html + rendered.Text, StringComparison.Ordinal);
        Assert.Equal(["XM-005"], (await World.ContentAsync("staff2@crm.example")).NewProjects.Rows.Select(r => r.Code));
    }

    [ProviderFact]
    public async Task Staff_sees_only_own_projects()
    {
        var content = await World.ContentAsync("staff2@crm.example");

        Assert.Empty(content.StageChanges.Rows);
        Assert.Equal(["XM-005"], content.NewProjects.Rows.Select(r => r.Code));
        Assert.Empty(content.Signings.Rows);
        Assert.Equal("Send the land survey", content.Overdue.Rows.Single().NextStep);
        Assert.Empty(content.RedProjects.Rows); // XM-006 is lost, XM-007 idle 29 days: under the yellow threshold
        Assert.Empty(content.YellowProjects.Rows);
    }

    [ProviderFact]
    public async Task Leader_digest_covers_every_project_and_signed_investment_against_target_by_team_in_english()
    {
        var content = await World.ContentAsync("leader@crm.example");

        Assert.Equal(2, content.StageChanges.Total);
        Assert.Equal(2, content.Overdue.Total);
        Assert.Equal((1, 1), (content.RedProjects.Total, content.YellowProjects.Total));
        Assert.Equal(
            [(null, 100000m, 60000m, 60.0m), ("招商一科", 60000m, 52000m, 86.7m), ("招商二科", 40000m, 8000m, 20.0m)],
            content.Targets.Select(t => (t.TeamName, t.TargetWan!.Value, t.SignedWan, t.Percent!.Value)));

        var rendered = World.Renderer.Render(content);
        Assert.StartsWith("Weekly digest 2026-W48", rendered.Subject, StringComparison.Ordinal);
        Assert.Contains("Signed investment against target, 2026", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Whole bureau", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("86.7%", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Contacted → Negotiation", rendered.Text, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task Leader_digest_lists_top_gaps_and_gaps_opened_or_closed_this_week_from_the_gap_analyser()
    {
        var withGaps = new DigestWorld(World.Db, gaps: new FakeGapSource());

        var leader = await withGaps.ContentAsync("leader@crm.example");
        var staff = await withGaps.ContentAsync("staff1@crm.example");
        var html = withGaps.Renderer.Render(leader).Html;

        Assert.Equal("SEW", leader.Gaps.Single().ChainCode);
        Assert.Empty(staff.Gaps);
        Assert.Contains("Sewing equipment: most urgent gaps (2)", html, StringComparison.Ordinal);
        Assert.Contains("Sewing equipment: gaps opened and closed since 11/23/2026 (2)", html, StringComparison.Ordinal);
        Assert.Contains(">Automatic cutting<", html, StringComparison.Ordinal);
        Assert.Contains("缝制设备产业链：最需补链的环节", withGaps.Renderer.Render(await withGaps.ContentAsync("admin@crm.example")).Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://crm.example/chains/SEW/gaps\"", html, StringComparison.Ordinal);
        Assert.Contains(">Missing<", html, StringComparison.Ordinal);
        Assert.Contains(">opened<", html, StringComparison.Ordinal);
        Assert.Contains(">closed<", html, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task An_empty_week_says_so_in_one_line_instead_of_empty_tables()
    {
        var content = await World.ContentAsync("staff2@crm.example", new IsoWeekId(2026, 40));
        var rendered = World.Renderer.Render(content);

        Assert.True(content.IsEmptyWeek);
        Assert.Contains("Nothing happened this week in the projects you follow.", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Nothing happened this week in the projects you follow.", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<th", rendered.Html, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task Dry_run_builds_every_digest_and_writes_nothing()
    {
        var result = await World.Scheduler.RunAsync(DigestWorld.Week, dryRun: true);

        Assert.Equal(4, result.Count(DigestOutcome.WouldSend));
        Assert.Equal(0, await World.CountAsync("OutboxMessages"));
        Assert.Equal(0, await World.CountAsync("DigestDeliveries"));
    }

    [ProviderFact]
    public async Task A_run_reads_the_project_sections_once_for_all_recipients_not_once_per_digest()
    {
        var counting = new CountingDb(World.Db);
        var scheduler = new DigestScheduler(counting, new DigestBuilder(counting, World.App, World.EmailOptions, World.ProjectOptions), World.Renderer,
            new Outbox(World.Clock), World.Clock, World.EmailOptions, World.App, Microsoft.Extensions.Logging.Abstractions.NullLogger<DigestScheduler>.Instance);
        var first = await scheduler.RunAsync(DigestWorld.Week, dryRun: true);
        var statements = counting.Calls;
        for (var i = 1; i <= 5; i++)
        {
            await World.AddStaffAsync($"new{i}@crm.example", $"新同事{i}");
        }

        var before = counting.Calls;
        var second = await scheduler.RunAsync(DigestWorld.Week, dryRun: true);

        Assert.Equal((4, 9), (first.Count(DigestOutcome.WouldSend), second.Count(DigestOutcome.WouldSend)));
        Assert.Equal(statements, counting.Calls - before); // five more digests, not a statement more
        Assert.All(second.Items.Where(i => i.Email.StartsWith("new", StringComparison.Ordinal)), i => Assert.Equal(0, i.Counts!.StageChanges + i.Counts.Overdue + i.Counts.Red));
        Assert.Equal(
            first.Items.Select(i => (i.Email, i.Counts)),
            second.Items.Where(i => !i.Email.StartsWith("new", StringComparison.Ordinal)).Select(i => (i.Email, i.Counts)));
    }

    [ProviderFact]
    public async Task Running_the_week_twice_queues_one_digest_per_user()
    {
        var first = await World.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);
        var second = await World.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);

        Assert.Equal(4, first.Count(DigestOutcome.Queued));
        Assert.Equal((0, 4), (second.Count(DigestOutcome.Queued), second.Count(DigestOutcome.AlreadySent)));
        Assert.Equal(4, await World.CountAsync("OutboxMessages"));
        Assert.Equal(4, await World.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DigestDeliveries WHERE IsoWeek = '2026-W48' AND OutboxMessageId IS NOT NULL"));
    }

    [ProviderFact]
    public async Task Two_nodes_running_the_same_week_at_once_queue_one_digest_per_user()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => World.NewScheduler().RunAsync(DigestWorld.Week, dryRun: false))));

        Assert.Equal(4, runs.Sum(r => r.Count(DigestOutcome.Queued)));
        Assert.Equal(0, runs.Sum(r => r.Count(DigestOutcome.Failed)));
        Assert.Equal(4, await World.CountAsync("OutboxMessages"));
        Assert.Equal(4, await World.Db.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT UserId) FROM DigestDeliveries"));
    }

    [ProviderFact]
    public async Task A_run_that_died_half_way_is_completed_by_the_next_without_duplicates()
    {
        // The first run committed staff1's digest and then the process died.
        var staff1 = await World.RecipientAsync("staff1@crm.example");
        var partial = await World.Db.ExecuteAsync("""
            INSERT INTO DigestDeliveries (UserId, IsoWeek, ItemCount, CreatedAtUtc) VALUES (@UserId, '2026-W48', 3, @Now)
            """, new { staff1.UserId, Now = DateTime.UtcNow });
        Assert.Equal(1, partial);

        var result = await World.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);

        Assert.Equal(DigestOutcome.AlreadySent, result.Items.Single(i => i.Email == staff1.Email).Outcome);
        Assert.Equal(3, result.Count(DigestOutcome.Queued));
        Assert.Equal(4, await World.CountAsync("DigestDeliveries"));
    }

    [ProviderFact]
    public async Task Queued_digests_are_sent_by_the_outbox_once_batch_after_batch()
    {
        World.EmailOptions.Value.Outbox.BatchSize = 3;
        await World.Scheduler.RunAsync(DigestWorld.Week, dryRun: false);

        var first = await World.Sender.SendDueAsync();
        var again = await World.Sender.SendDueAsync();

        var transport = (FakeTransport)World.Transport;
        Assert.Equal((4, 0), (first.Sent, again.Attempted));
        Assert.Equal(4, transport.Sent.Select(m => m.ToAddress).Distinct().Count());
        Assert.Equal(4, await World.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'sent' AND SentAtUtc IS NOT NULL"));
        var staff1 = transport.Sent.Single(m => m.ToAddress == "staff1@crm.example");
        Assert.StartsWith("招商工作周报", staff1.Subject, StringComparison.Ordinal);
        Assert.Matches("^<[0-9a-f]{32}@crm.example>$", staff1.MessageId);
    }
}

public sealed class DigestSqliteTests() : DigestProviderTests(DatabaseProvider.Sqlite);

public sealed class DigestSqlServerTests() : DigestProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
