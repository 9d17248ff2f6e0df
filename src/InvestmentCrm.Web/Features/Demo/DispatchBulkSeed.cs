using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// Synthetic data for the dispatch-report benchmark (bench/dispatch-benchmark.sh): <c>--funds N</c> adds N funds-in-place
/// ledger entries to the projects that were signed (a signing date), <c>--matters N</c> N coordination matters over the
/// active projects (a quarter resolved, some overdue). Dates fall in the two years up to today; a fixed seed gives the
/// same data every time. Run after <c>--projects</c>: both need projects.
/// </summary>
public static class DispatchBulkSeed
{
    private const int Seed = 2027;

    private static readonly string[] Departments = ["自然资源局", "发展改革局", "生态环境局", "住房和城乡建设局", "供电公司", "水务集团", "行政审批局", "金融办"];

    public static Task<int> FundsAsync(CliContext cli, int count) =>
        SeedAsync<(long Id, decimal Amount)>(cli, count, Seed, Sql.SignedProjects, Sql.InsertFunds, "Dispatch.Bulk.Funds", (random, project, today, now) =>
        {
            var foreign = random.Next(10) == 0;
            var amount = Math.Round(Math.Max(1m, project.Amount) * (decimal)(0.02 + random.NextDouble() * 0.2), 2);
            return new
            {
                ProjectId = project.Id,
                ReceivedOn = today.AddDays(-random.Next(0, 730)),
                AmountWan = amount,
                Kind = foreign ? "foreign" : "domestic",
                AmountUsd = foreign ? Math.Round(amount * 10_000m / 7.1m, 0) : (decimal?)null,
                Now = now,
            };
        });

    public static Task<int> MattersAsync(CliContext cli, int count) =>
        SeedAsync<(long Id, long OwnerUserId)>(cli, count, Seed + 1, Sql.ActiveProjects, Sql.InsertMatter, "Dispatch.Bulk.Matters", (random, project, today, now) =>
        {
            // A quarter resolved, a quarter in progress, half open; deadlines from two months ago to three ahead.
            var status = CoordinationMatters.Statuses[random.Next(4) switch { 0 => 2, 1 => 1, _ => 0 }];
            var due = today.AddDays(random.Next(-60, 90));
            var resolved = status == CoordinationMatters.Resolved;
            return new
            {
                ProjectId = project.Id,
                Category = CoordinationMatters.Categories[random.Next(CoordinationMatters.Categories.Count)],
                Department = random.Next(20) == 0 ? null : Departments[random.Next(Departments.Length)],
                ResponsiblePerson = "联络员" + random.Next(1, 50),
                DueOn = due,
                Status = status,
                Resolution = resolved ? "已协调解决" : null,
                ResolvedOn = resolved ? (DateOnly?)(due < today ? due : today) : null,
                RaisedByUserId = project.OwnerUserId,
                Now = now,
            };
        });

    /// <summary>Inserts <paramref name="count"/> rows made by <paramref name="row"/> from projects drawn at random from
    /// <paramref name="projectsSql"/>, in one transaction.</summary>
    private static async Task<int> SeedAsync<TProject>(
        CliContext cli, int count, int seed, string projectsSql, string insertSql, string doneKey, Func<Random, TProject, DateOnly, DateTime, object> row)
    {
        var db = cli.Get<IDb>();
        var projects = await db.QueryAsync<TProject>(projectsSql);
        if (projects.Count == 0)
        {
            return await cli.FailAsync("Dispatch.Bulk.NoProjects");
        }

        var clock = cli.Get<TimeProvider>();
        var today = cli.Get<IOptions<AppOptions>>().Value.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var random = new Random(seed);
        var rows = Enumerable.Range(0, count).Select(_ => row(random, projects[random.Next(projects.Count)], today, now)).ToList();
        await db.InTransactionAsync(async session => await session.ExecuteAsync(insertSql, rows));
        await cli.Out.WriteLineAsync(cli.L[doneKey, count]);
        return CommandLine.Ok;
    }

    internal static class Sql
    {
        public const string SignedProjects = """
            SELECT p.Id, COALESCE(p.ContractedInvestmentWan, p.PlannedInvestmentWan, 1000) AS Amount
            FROM Projects p
            WHERE p.SignedOn IS NOT NULL
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
