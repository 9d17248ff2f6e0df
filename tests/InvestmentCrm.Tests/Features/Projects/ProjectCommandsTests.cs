using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Projects;

/// <summary><c>import projects</c>, <c>export projects</c> and <c>seed-bulk --projects</c> on a demo database.</summary>
public sealed class ProjectCommandsTests(ProjectsApp app) : IClassFixture<ProjectsApp>, IDisposable
{
    private readonly TempDirectory folder = new("crm-projects-cli");

    private const string Header = "code,title,enterprise_uscc,stage,owner_email,planned_investment_wan,land_mu,expected_output_wan,expected_tax_wan,source,target_nodes,signed_on,started_on,in_production_on";

    [Fact]
    public async Task Import_rejects_the_whole_file_with_line_numbers_for_unknown_stage_source_owner_enterprise_and_node()
    {
        await app.ReadyAsync();
        var path = folder.File("bad.csv");
        await File.WriteAllTextAsync(path, string.Join("\n",
            Header,
            "T-1,好项目,91330110MA25215KAT,lead,staff1@demo.local,100,,,,referral,SEW:HANG,,,",
            "T-2,阶段错,91330110MA25215KAT,won,staff1@demo.local,100,,,,referral,SEW:HANG,,,",
            "T-3,来源错,91330110MA25215KAT,lead,staff1@demo.local,100,,,,tv,SEW:HANG,,,",
            "T-4,负责人错,91330110MA25215KAT,lead,nobody@demo.local,100,,,,referral,SEW:HANG,,,",
            "T-5,企业错,91310110666007217T,lead,staff1@demo.local,100,,,,referral,SEW:HANG,,,",
            "T-6,环节错,91330110MA25215KAT,lead,staff1@demo.local,100,,,,referral,SEW:NOPE,,,") + "\n");
        var before = await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects");

        var result = await Support.Cli.RunAsync(app.DatabasePath, "import", "projects", path);

        Assert.Equal(2, result.ExitCode);
        foreach (var line in new[] { 3, 4, 5, 6, 7 })
        {
            Assert.Contains($"line {line} ", result.Error);
        }

        Assert.DoesNotContain("line 2 ", result.Error);
        Assert.Contains("won", result.Error);
        Assert.Contains("nobody@demo.local", result.Error);
        Assert.Contains("SEW:NOPE", result.Error);
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects"));
    }

    [Fact]
    public async Task A_row_the_writer_refuses_after_the_file_was_checked_is_reported_on_its_line_and_nothing_is_written()
    {
        await app.ReadyAsync();
        var uscc = InvestmentCrm.Web.Domain.Uscc.MakeValid("91330100MA2WRT001");
        await app.ScalarAsync<long>("""
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Uscc, '临时目标企业有限公司', '临时目标企业有限公司', 'prospect', 1, '2026-01-01', '2026-01-01');
            SELECT 0
            """, new { Uscc = uscc });
        var path = folder.File("removed-meanwhile.csv");
        await File.WriteAllTextAsync(path, string.Join("\n",
            Header,
            "WR-1,先写入,91330110MA25215KAT,lead,staff1@demo.local,100,,,,referral,SEW:HANG,,,",
            $"WR-2,企业被删,{uscc},lead,staff1@demo.local,200,,,,referral,SEW:HANG,,,") + "\n");
        // The file is valid when checked; writing its first project removes the second one's enterprise, as a user
        // deleting it during the import would.
        await app.ScalarAsync<long>("""
            CREATE TRIGGER RemoveWr2Enterprise AFTER INSERT ON Projects WHEN NEW.Code = 'WR-1'
            BEGIN DELETE FROM Enterprises WHERE Name = '临时目标企业有限公司'; END;
            SELECT 0
            """);
        try
        {
            var en = await Support.Cli.RunAsync(app.DatabasePath, "import", "projects", path);
            var zh = await Support.Cli.RunInAsync("zh-CN", app.DatabasePath, "import", "projects", path);

            Assert.Equal((2, 2), (en.ExitCode, zh.ExitCode));
            Assert.Contains("line 3", en.Error, StringComparison.Ordinal);
            Assert.Contains("Choose an enterprise from the registry", en.Error, StringComparison.Ordinal);
            Assert.Contains("请选择企业库中已有的企业", zh.Error, StringComparison.Ordinal);
            Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects WHERE Code LIKE 'WR-%'"));
            Assert.Equal(1, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Enterprises WHERE Name = '临时目标企业有限公司'"));
        }
        finally
        {
            await app.ScalarAsync<long>("DROP TRIGGER RemoveWr2Enterprise; DELETE FROM Enterprises WHERE Name = '临时目标企业有限公司'; SELECT 0");
        }
    }

    [Fact]
    public async Task A_row_the_database_refuses_while_writing_leaves_no_project_of_the_file_written()
    {
        await app.ReadyAsync();
        var path = folder.File("refused.csv");
        await File.WriteAllTextAsync(path, string.Join("\n",
            Header,
            "TX-1,写入一,91330110MA25215KAT,lead,staff1@demo.local,100,,,,referral,SEW:HANG,,,",
            "TX-2,写入二,91330110MA25215KAT,contacted,staff1@demo.local,200,,,,referral,SEW:HANG,,,",
            "TX-3,被拒绝,91330110MA25215KAT,lead,staff1@demo.local,300,,,,referral,SEW:HANG,,,") + "\n");
        // The file is valid; the database refuses its third project only when it is written, after the first two.
        await app.ScalarAsync<long>("""
            CREATE TRIGGER RefuseTx3 BEFORE INSERT ON Projects WHEN NEW.Code = 'TX-3'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            SELECT 0
            """);
        try
        {
            var en = await Support.Cli.RunAsync(app.DatabasePath, "import", "projects", path);
            var zh = await Support.Cli.RunInAsync("zh-CN", app.DatabasePath, "import", "projects", path);

            Assert.Equal((1, 1), (en.ExitCode, zh.ExitCode));
            Assert.StartsWith("The database refused the command:", en.Error, StringComparison.Ordinal);
            Assert.Contains("refused by the test", en.Error, StringComparison.Ordinal);
            Assert.StartsWith("数据库拒绝了本命令：", zh.Error, StringComparison.Ordinal);
            Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects WHERE Code LIKE 'TX-%'"));
            Assert.Equal(0, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE EntityType = 'Project' AND EntityId LIKE 'TX-%'"));
        }
        finally
        {
            await app.ScalarAsync<long>("DROP TRIGGER RefuseTx3; SELECT 0");
        }
    }

    [Fact]
    public async Task Import_creates_then_changes_nothing_on_the_same_file_and_export_round_trips()
    {
        await app.ReadyAsync();
        var path = folder.File("good.csv");
        await File.WriteAllTextAsync(path, string.Join("\n",
            Header,
            "CLI-1,导入项目一,91330110MA25215KAT,negotiation,staff1@demo.local,8000,20,16000,800,expo,SEW:HANG;SEW:MES,,,",
            $"CLI-2,导入项目二,91330212MA2KQ17KLM,signed,staff2@demo.local,3000,5,6000,300,fund,SEW:CHIP,{app.Today.AddDays(-10):yyyy-MM-dd},,") + "\n");

        var first = await Support.Cli.RunAsync(app.DatabasePath, "import", "projects", path);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 created", first.Out);
        var audit = await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog");

        var second = await Support.Cli.RunAsync(app.DatabasePath, "import", "projects", path);
        Assert.Contains("0 created, 0 updated, 2 unchanged", second.Out);
        Assert.Equal(audit, await app.ScalarAsync<long>("SELECT COUNT(*) FROM AuditLog"));
        Assert.Equal(3000m, await app.ScalarAsync<decimal>("SELECT ContractedInvestmentWan FROM Projects WHERE Code = 'CLI-2'"));

        var exported = folder.File("out.csv");
        var export = await Support.Cli.RunAsync(app.DatabasePath, "export", "projects", "--out", exported);
        Assert.Equal(0, export.ExitCode);
        var lines = (await File.ReadAllLinesAsync(exported)).ToList();
        Assert.Equal(Header, lines[0].TrimStart('\uFEFF'));
        Assert.Contains("CLI-1,导入项目一,91330110MA25215KAT,negotiation,staff1@demo.local,8000,20,16000,800,expo,SEW:HANG;SEW:MES,,,", lines);
        Assert.Contains(lines, l => l.StartsWith("JJ2026-001,", StringComparison.Ordinal));

        // The export is itself an importable file that changes nothing.
        var again = await Support.Cli.RunAsync(app.DatabasePath, "import", "projects", exported);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains(" 0 updated", again.Out);
    }

    [Fact]
    public async Task Seed_bulk_adds_projects_with_history_and_follow_ups_owned_by_staff_on_nodes_of_the_chains()
    {
        await app.ReadyAsync();
        var result = await Support.Cli.RunAsync(app.DatabasePath, "seed-bulk", "--projects", "300");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(300L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects WHERE Code LIKE 'BULK-%'"));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects p WHERE p.Code LIKE 'BULK-%' AND NOT EXISTS (SELECT 1 FROM ProjectStageChanges s WHERE s.ProjectId = p.Id)"));
        Assert.True(await app.ScalarAsync<long>("SELECT COUNT(*) FROM Activities a JOIN Projects p ON p.Id = a.ProjectId WHERE p.Code LIKE 'BULK-%'") > 300);
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT COUNT(*) FROM Projects p
            WHERE p.Code LIKE 'BULK-%' AND NOT EXISTS (SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = p.OwnerUserId AND r.Name = 'Staff')
            """));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects WHERE Code LIKE 'BULK-%' AND Stage IN ('signed', 'started', 'in_production') AND SignedOn IS NULL"));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT COUNT(*) FROM Projects p JOIN Enterprises e ON e.Id = p.EnterpriseId WHERE p.Stage = 'in_production' AND e.Kind <> 'local'"));
    }

    public void Dispose() => folder.Dispose();
}
