using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Admin.Users;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// <c>seed-bulk --projects N</c>: plausible synthetic projects for benchmarks, with their stage history and
/// follow-ups. Owners are existing Staff users (a few synthetic ones in synthetic teams when there are too few),
/// enterprises come from the registry (synthetic prospects when it is empty) and target nodes from all chains.
/// Written in one transaction with plain inserts: the writer's per-project checks would take minutes at this size.
/// </summary>
public sealed class ProjectBulkSeeder(IDb db, UserAccounts accounts, AuditLog audit, ProjectWriter writer)
{
    public sealed record Seeded(int Projects, int Activities, int StageChanges);

    private static readonly (string Stage, int Weight)[] StageWeights =
    [
        (ProjectStages.Lead, 25), (ProjectStages.Contacted, 20), (ProjectStages.SiteVisit, 15), (ProjectStages.Negotiation, 12),
        (ProjectStages.Signed, 8), (ProjectStages.Started, 5), (ProjectStages.InProduction, 5), (ProjectStages.OnHold, 5), (ProjectStages.Lost, 5),
    ];

    private static readonly string[] Industries = ["智能制造", "新能源", "新材料", "生物医药", "电子信息", "汽车零部件", "缝制设备", "高端装备"];
    private static readonly string[] Kinds = ["生产基地", "研发中心", "扩产", "总部", "技改", "区域服务中心"];

    public async Task<Seeded> SeedAsync(int count, CancellationToken ct = default)
    {
        var owners = await EnsureOwnersAsync(ct);
        var enterprises = await EnsureEnterprisesAsync(Math.Clamp(count / 10, 50, 5000), ct);
        var nodes = await db.QueryAsync<long>(Sql.Nodes, ct: ct);
        var today = writer.Today;
        var now = writer.UtcNow;
        var start = await db.ExecuteScalarAsync<long>(Sql.CountBulk, ct: ct);
        var random = new Random(20260 + (int)start);

        var projects = new List<object>(count);
        var plans = new List<Plan>(count);
        for (var i = 0; i < count; i++)
        {
            var (row, plan) = NewProject(random, start + i + 1, owners, enterprises, today, now);
            projects.Add(row);
            plans.Add(plan);
        }

        var rows = new ChildRows();
        await db.InTransactionAsync(async session =>
        {
            await session.ExecuteAsync(Sql.InsertProject, projects);
            var ids = (await session.QueryAsync<(string Code, long Id)>(Sql.BulkIds)).ToDictionary(r => r.Code, r => r.Id, StringComparer.Ordinal);
            foreach (var plan in plans)
            {
                rows.Add(random, plan, ids[plan.Code], nodes, now);
            }

            await session.ExecuteAsync(Sql.InsertNode, rows.Nodes);
            await session.ExecuteAsync(Sql.InsertChange, rows.Changes);
            await session.ExecuteAsync(Sql.InsertActivity, rows.Activities);
            await session.ExecuteAsync(Sql.MakeProducersLocal, new { Now = now });
            await audit.WriteAsync(session, "Project", "BULK", "seed-bulk", new { Projects = count, Activities = rows.Activities.Count, StageChanges = rows.Changes.Count });
            return 0;
        }, ct);

        return new Seeded(count, rows.Activities.Count, rows.Changes.Count);
    }

    /// <summary>The project row number <paramref name="number"/> of all bulk projects, and what its child rows need.</summary>
    private static (object Row, Plan Plan) NewProject(
        Random random, long number, IReadOnlyList<(long OwnerId, long? TeamId)> owners, IReadOnlyList<long> enterprises, DateOnly today, DateTime now)
    {
        var code = "BULK-" + number.ToString("000000", CultureInfo.InvariantCulture);
        var stage = PickStage(random);
        var (ownerId, teamId) = owners[random.Next(owners.Count)];
        var created = today.AddDays(-random.Next(30, 1000));
        var last = created.AddDays(random.Next(0, today.DayNumber - created.DayNumber + 1));
        var planned = Math.Round((decimal)Math.Exp(random.NextDouble() * Math.Log(400)) * 500m, 0);
        var signed = ProjectStages.IsSigned(stage);
        var signedOn = signed ? (DateOnly?)created.AddDays(random.Next(0, today.DayNumber - created.DayNumber + 1)) : null;
        var industry = Industries[random.Next(Industries.Length)];
        var row = new
        {
            Code = code,
            Title = $"{industry}{Kinds[random.Next(Kinds.Length)]}项目 {number}",
            EnterpriseId = enterprises[random.Next(enterprises.Count)],
            Stage = stage,
            Source = ProjectStages.Sources[random.Next(ProjectStages.Sources.Count)],
            OwnerUserId = ownerId,
            TeamId = teamId,
            Priority = random.Next(1, 4),
            PlannedInvestmentWan = planned,
            LandMu = (decimal)random.Next(0, 300),
            ExpectedOutputWan = planned * 2,
            ExpectedTaxWan = Math.Round(planned / 10, 0),
            SignedOn = signedOn,
            ContractedInvestmentWan = signed ? planned : (decimal?)null,
            // The milestone dates (Domain/Projects/Milestones): started and in production after the signing.
            StartedOn = stage is ProjectStages.Started or ProjectStages.InProduction ? signedOn!.Value.AddDays((today.DayNumber - signedOn.Value.DayNumber) / 3) : (DateOnly?)null,
            InProductionOn = stage == ProjectStages.InProduction ? signedOn!.Value.AddDays((today.DayNumber - signedOn.Value.DayNumber) * 2 / 3) : (DateOnly?)null,
            StageReason = ProjectStages.NeedsReason(stage) ? "企业投资计划调整" : null,
            LastActivityOn = last,
            CreatedAtUtc = created.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
            UpdatedAtUtc = now,
        };
        return (row, new Plan(code, stage, created, last));
    }

    /// <summary>The target nodes, stage history and follow-ups of the bulk projects, inserted in three batches.</summary>
    private sealed class ChildRows
    {
        public List<object> Nodes { get; } = [];

        public List<object> Changes { get; } = [];

        public List<object> Activities { get; } = [];

        public void Add(Random random, Plan plan, long id, IReadOnlyList<long> nodes, DateTime now)
        {
            if (nodes.Count > 0)
            {
                foreach (var node in Enumerable.Range(0, random.Next(1, 3)).Select(_ => nodes[random.Next(nodes.Count)]).Distinct())
                {
                    Nodes.Add(new { ProjectId = id, NodeId = node });
                }
            }

            var path = PathTo(plan.Stage);
            for (var step = 0; step < path.Count; step++)
            {
                var at = plan.Created.AddDays(step * Math.Max(1, (plan.Last.DayNumber - plan.Created.DayNumber) / path.Count));
                Changes.Add(new
                {
                    ProjectId = id,
                    FromStage = step == 0 ? null : path[step - 1],
                    ToStage = path[step],
                    Note = ProjectStages.NeedsReason(path[step]) ? "企业投资计划调整" : null,
                    ChangedAtUtc = at.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc),
                });
            }

            var n = random.Next(0, 6);
            for (var a = 0; a < n; a++)
            {
                var occurred = a == n - 1 ? plan.Last : plan.Created.AddDays(random.Next(0, plan.Last.DayNumber - plan.Created.DayNumber + 1));
                var due = occurred.AddDays(random.Next(3, 30));
                Activities.Add(new
                {
                    ProjectId = id,
                    Kind = ProjectStages.ActivityKinds[random.Next(ProjectStages.ActivityKinds.Count)],
                    OccurredOn = occurred,
                    Participants = "企业负责人；招商专员",
                    Summary = "沟通项目用地、投资进度与政策需求。",
                    NextStep = "跟进落实下一步事项",
                    NextStepDueOn = due,
                    NextStepDoneAtUtc = a < n - 1 || random.Next(3) == 0 ? now : (DateTime?)null,
                    CreatedAtUtc = occurred.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc),
                });
            }
        }
    }

    private sealed record Plan(string Code, string Stage, DateOnly Created, DateOnly Last);

    private static string PickStage(Random random)
    {
        var roll = random.Next(StageWeights.Sum(w => w.Weight));
        foreach (var (stage, weight) in StageWeights)
        {
            if (roll < weight)
            {
                return stage;
            }

            roll -= weight;
        }

        return ProjectStages.Lead;
    }

    /// <summary>The stages a project went through to reach <paramref name="stage"/>: the pipeline up to it, side states after contact.</summary>
    private static List<string> PathTo(string stage)
    {
        var index = ProjectStages.Pipeline.ToList().IndexOf(stage);
        return index >= 0 ? [.. ProjectStages.Pipeline.Take(index + 1)] : [ProjectStages.Lead, ProjectStages.Contacted, stage];
    }

    private async Task<List<(long Id, long? TeamId)>> EnsureOwnersAsync(CancellationToken ct)
    {
        var staff = (await db.QueryAsync<(long Id, long? TeamId)>(Sql.Staff, ct: ct)).ToList();
        if (staff.Count >= 6)
        {
            return staff;
        }

        for (var i = 1; i <= 6; i++)
        {
            var email = $"bulk-staff{i}@bulk.local";
            if (await db.ExecuteScalarAsync<long?>(Sql.UserByEmail, new { Email = email.ToUpperInvariant() }, ct) is null)
            {
                await accounts.CreateAsync(email, $"模拟专员{i}", DemoSeeder.Password, Roles.Staff, $"模拟招商{(i + 1) / 2}组", ct);
            }
        }

        return [.. await db.QueryAsync<(long Id, long? TeamId)>(Sql.Staff, ct: ct)];
    }

    private async Task<List<long>> EnsureEnterprisesAsync(int wanted, CancellationToken ct)
    {
        var ids = (await db.QueryAsync<long>(Sql.Enterprises, ct: ct)).ToList();
        if (ids.Count > 0)
        {
            return ids;
        }

        var now = writer.UtcNow;
        var rows = Enumerable.Range(1, wanted).Select(i =>
        {
            var name = $"模拟目标企业{i:00000}有限公司";
            return new
            {
                Uscc = Uscc.MakeValid("91330000MA" + i.ToString("0000000", CultureInfo.InvariantCulture)),
                Name = name,
                NameKey = EnterpriseName.Key(name),
                Now = now,
            };
        }).ToList();
        await db.InTransactionAsync(session => session.ExecuteAsync(Sql.InsertEnterprise, rows), ct);
        return [.. await db.QueryAsync<long>(Sql.Enterprises, ct: ct)];
    }

    internal static class Sql
    {
        public const string Nodes = "SELECT Id FROM ChainNodes ORDER BY Id";

        public const string Enterprises = "SELECT Id FROM Enterprises ORDER BY Id";

        public const string CountBulk = "SELECT COUNT(*) FROM Projects WHERE Code LIKE 'BULK-%'";

        public const string BulkIds = "SELECT Code, Id FROM Projects WHERE Code LIKE 'BULK-%'";

        public const string UserByEmail = "SELECT Id FROM Users WHERE NormalizedEmail = @Email";

        public const string Staff = """
            SELECT u.Id, u.TeamId
            FROM Users u
            JOIN UserRoles ur ON ur.UserId = u.Id
            JOIN Roles r ON r.Id = ur.RoleId
            WHERE r.Name = 'Staff' AND u.IsDisabled = 0
            ORDER BY u.Id
            """;

        public const string InsertEnterprise = """
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, City, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Uscc, @Name, @NameKey, 'prospect', '浙江省', '杭州市', 1, @Now, @Now)
            """;

        public const string InsertProject = """
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, Priority, PlannedInvestmentWan, LandMu,
                                  ExpectedOutputWan, ExpectedTaxWan, SignedOn, ContractedInvestmentWan, StartedOn, InProductionOn, StageReason,
                                  LastActivityOn, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Code, @Title, @EnterpriseId, @Stage, @Source, @OwnerUserId, @TeamId, @Priority, @PlannedInvestmentWan, @LandMu,
                    @ExpectedOutputWan, @ExpectedTaxWan, @SignedOn, @ContractedInvestmentWan, @StartedOn, @InProductionOn, @StageReason,
                    @LastActivityOn, 1, @CreatedAtUtc, @UpdatedAtUtc)
            """;

        public const string InsertNode = "INSERT INTO ProjectNodes (ProjectId, NodeId) VALUES (@ProjectId, @NodeId)";

        public const string InsertChange = """
            INSERT INTO ProjectStageChanges (ProjectId, FromStage, ToStage, Note, ChangedByUserId, ChangedAtUtc)
            VALUES (@ProjectId, @FromStage, @ToStage, @Note, NULL, @ChangedAtUtc)
            """;

        public const string InsertActivity = """
            INSERT INTO Activities (ProjectId, Kind, OccurredOn, Participants, Summary, NextStep, NextStepDueOn, NextStepDoneAtUtc, CreatedByUserId, CreatedAtUtc)
            VALUES (@ProjectId, @Kind, @OccurredOn, @Participants, @Summary, @NextStep, @NextStepDueOn, @NextStepDoneAtUtc, NULL, @CreatedAtUtc)
            """;

        public const string MakeProducersLocal = """
            UPDATE Enterprises SET Kind = 'local', UpdatedAtUtc = @Now
            WHERE Kind <> 'local' AND Id IN (SELECT EnterpriseId FROM Projects WHERE Stage = 'in_production')
            """;
    }
}
