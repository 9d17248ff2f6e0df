using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// Synthetic data for the dispatch-report benchmark (bench/dispatch-benchmark.sh): <c>--funds N</c> adds N funds-in-place
/// ledger entries to the signed, started and in-production projects, <c>--matters N</c> N coordination matters over the
/// active projects (a quarter resolved, some overdue). Dates fall in the two years up to today; a fixed seed gives the
/// same data every time. Run after <c>--projects</c>: both need projects.
/// </summary>
public static class DispatchBulkSeed
{
    private const int Seed = 2027;

    private static readonly string[] Departments = ["自然资源局", "发展改革局", "生态环境局", "住房和城乡建设局", "供电公司", "水务集团", "行政审批局", "金融办"];

    public static async Task<int> FundsAsync(CliContext cli, int count)
    {
        var db = cli.Get<IDb>();
        var projects = await db.QueryAsync<(long Id, decimal Amount)>(Sql.SignedProjects);
        if (projects.Count == 0)
        {
            return await cli.FailAsync("Dispatch.Bulk.NoProjects");
        }

        var today = cli.Get<IOptions<AppOptions>>().Value.Today(cli.Get<TimeProvider>());
        var now = cli.Get<TimeProvider>().GetUtcNow().UtcDateTime;
        var random = new Random(Seed);
        var rows = Enumerable.Range(0, count).Select(_ =>
        {
            var (id, contracted) = projects[random.Next(projects.Count)];
            var foreign = random.Next(10) == 0;
            var amount = Math.Round(Math.Max(1m, contracted) * (decimal)(0.02 + random.NextDouble() * 0.2), 2);
            return new
            {
                ProjectId = id,
                ReceivedOn = today.AddDays(-random.Next(0, 730)),
                AmountWan = amount,
                Kind = foreign ? "foreign" : "domestic",
                AmountUsd = foreign ? Math.Round(amount * 10_000m / 7.1m, 0) : (decimal?)null,
                Now = now,
            };
        }).ToList();
        await db.InTransactionAsync(async session => await session.ExecuteAsync(Sql.InsertFunds, rows));
        await cli.Out.WriteLineAsync(cli.L["Dispatch.Bulk.Funds", count]);
        return CommandLine.Ok;
    }

    public static async Task<int> MattersAsync(CliContext cli, int count)
    {
        var db = cli.Get<IDb>();
        var projects = await db.QueryAsync<(long Id, long OwnerUserId)>(Sql.ActiveProjects);
        if (projects.Count == 0)
        {
            return await cli.FailAsync("Dispatch.Bulk.NoProjects");
        }

        var today = cli.Get<IOptions<AppOptions>>().Value.Today(cli.Get<TimeProvider>());
        var now = cli.Get<TimeProvider>().GetUtcNow().UtcDateTime;
        var random = new Random(Seed + 1);
        var rows = Enumerable.Range(0, count).Select(_ =>
        {
            var (id, owner) = projects[random.Next(projects.Count)];
            var status = CoordinationMatters.Statuses[random.Next(4) switch { 0 => 2, 1 => 1, _ => 0 }];
            var due = today.AddDays(random.Next(-60, 90));
            var resolved = status == CoordinationMatters.Resolved;
            return new
            {
                ProjectId = id,
                Category = CoordinationMatters.Categories[random.Next(CoordinationMatters.Categories.Count)],
                Department = random.Next(20) == 0 ? null : Departments[random.Next(Departments.Length)],
                ResponsiblePerson = "联络员" + random.Next(1, 50),
                DueOn = due,
                Status = status,
                Resolution = resolved ? "已协调解决" : null,
                ResolvedOn = resolved ? (DateOnly?)(due < today ? due : today) : null,
                RaisedByUserId = owner,
                Now = now,
            };
        }).ToList();
        await db.InTransactionAsync(async session => await session.ExecuteAsync(Sql.InsertMatter, rows));
        await cli.Out.WriteLineAsync(cli.L["Dispatch.Bulk.Matters", count]);
        return CommandLine.Ok;
    }

    internal static class Sql
    {
        public const string SignedProjects = """
            SELECT p.Id, COALESCE(p.ContractedInvestmentWan, p.PlannedInvestmentWan, 1000) AS Amount
            FROM Projects p
            WHERE p.Stage IN ('signed', 'started', 'in_production')
            ORDER BY p.Id
            """;

        public const string ActiveProjects = "SELECT p.Id, p.OwnerUserId FROM Projects p WHERE p.Stage IN " + ProjectStages.ActiveList + " ORDER BY p.Id";

        public const string InsertFunds = """
            INSERT INTO FundsInPlace (ProjectId, ReceivedOn, AmountWan, Kind, AmountUsd, Note, CreatedByUserId, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@ProjectId, @ReceivedOn, @AmountWan, @Kind, @AmountUsd, NULL, NULL, @Now, @Now)
            """;

        public const string InsertMatter = """
            INSERT INTO CoordinationMatters (ProjectId, Category, Description, Department, ResponsiblePerson, DueOn, Status, Resolution,
                ResolvedOn, RaisedByUserId, RaisedAtUtc, Version, UpdatedAtUtc)
            VALUES (@ProjectId, @Category, '合成协调事项', @Department, @ResponsiblePerson, @DueOn, @Status, @Resolution,
                @ResolvedOn, @RaisedByUserId, @Now, 1, @Now)
            """;
    }
}
