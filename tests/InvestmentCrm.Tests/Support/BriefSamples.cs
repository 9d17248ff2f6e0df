using Dapper;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// A prospect project with everything a brief shows, written straight into the 0002/0003 tables (the demo seed has
/// chains and users, not projects). Its texts carry markup, which a brief must print as text.
/// </summary>
public static class BriefSamples
{
    public const string Code = "JJ-T1";
    public const string Title = "衣拿智能吊挂系统生产基地项目";
    public const string EnterpriseName = "浙江衣拿智能科技有限公司 <b>&amp; Co</b>";
    public const string EvilSummary = "<script>alert('x')</script> 董事长确认考察日程";

    public static async Task<long> InsertAsync(Db db, string code = Code, string ownerEmail = "staff1@demo.local", string stage = "site_visit")
    {
        await using var connection = await db.OpenAsync();
        var now = SampleStamps.CreatedUtc;
        var owner = await connection.QuerySingleAsync<(long Id, long? TeamId)>("SELECT Id, TeamId FROM Users WHERE Email = @Email", new { Email = ownerEmail });
        var uscc = "91330110MA2BRIEF01";
        var enterpriseId = await connection.ExecuteScalarAsync<long?>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = uscc });
        if (enterpriseId is null)
        {
            enterpriseId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, City, District, IndustryCode, RegisteredCapitalWan,
                    AnnualRevenueWan, Employees, MainProducts, Website, CreatedAtUtc, UpdatedAtUtc)
                VALUES (@Uscc, @Name, 'yina', 'prospect', '浙江省', '杭州市', '余杭区', '3553', 10000, 80000, 700,
                    '智能吊挂系统;服装智能物流', 'https://example.invalid', @Now, @Now);
                SELECT last_insert_rowid();
                """, new { Uscc = uscc, Name = EnterpriseName, Now = now });
            await connection.ExecuteAsync("INSERT INTO EnterpriseQualifications (EnterpriseId, Qualification) VALUES (@Id, 'high_tech'), (@Id, 'srdi')", new { Id = enterpriseId });
            await connection.ExecuteAsync("""
                INSERT INTO EnterpriseContacts (EnterpriseId, Name, Title, Phone, Email, IsPrimary, SortOrder)
                VALUES (@Id, '刘振宇', '董事长', '13800000000', 'liu@example.invalid', 1, 0)
                """, new { Id = enterpriseId });
        }

        var projectId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, PlannedInvestmentWan,
                LandMu, ExpectedOutputWan, ExpectedTaxWan, Description, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Code, @Title, @EnterpriseId, @Stage, 'referral', @OwnerId, @TeamId, 1, 50000, 80, 120000, 6000,
                '补齐缝制设备产业链的智能吊挂环节', @Now, @Now);
            SELECT last_insert_rowid();
            """, new { Code = code, Title, EnterpriseId = enterpriseId, Stage = stage, OwnerId = owner.Id, owner.TeamId, Now = now });
        await connection.ExecuteAsync("""
            INSERT INTO ProjectNodes (ProjectId, NodeId)
            SELECT @ProjectId, n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'SEW' AND n.Code = 'HANG'
            """, new { ProjectId = projectId });
        await connection.ExecuteAsync("""
            INSERT INTO ProjectStageChanges (ProjectId, FromStage, ToStage, Note, ChangedByUserId, ChangedAtUtc)
            VALUES (@ProjectId, NULL, 'lead', '以商引商', @OwnerId, @Earlier), (@ProjectId, 'lead', @Stage, '约定考察', @OwnerId, @Now)
            """, new { ProjectId = projectId, Stage = stage, OwnerId = owner.Id, Earlier = now.AddDays(-20), Now = now });
        await connection.ExecuteAsync("""
            INSERT INTO Activities (ProjectId, Kind, OccurredOn, Participants, Summary, NextStep, NextStepDueOn, CreatedByUserId, CreatedAtUtc)
            VALUES (@ProjectId, 'visit', '2026-11-20', '张科长; 刘振宇', @Summary, '安排园区实地考察', '2026-12-10', @OwnerId, @Now)
            """, new { ProjectId = projectId, Summary = EvilSummary, OwnerId = owner.Id, Now = now });
        return projectId;
    }
}
