using System.Globalization;
using InvestmentCrm.Web.Cli;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Chains;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// Synthetic data for the gap-analysis benchmark (bench/gaps-benchmark.sh): <c>--chain-nodes N</c> makes the chain
/// BULK (N nodes in the four segments, a parent tree, about 2N supply edges including recycling cycles);
/// <c>--chain-enterprises N</c> and <c>--chain-projects N</c> add enterprises and projects mapped to its nodes.
/// Everything is drawn from a fixed seed, so two runs give the same data.
/// </summary>
public static class GapBulkSeed
{
    public const string ChainCode = "BULK";

    private const int Seed = 2026;

    public static async Task<int> ChainNodesAsync(CliContext cli, int n)
    {
        if (n < Segments.All.Count)
        {
            return await cli.FailAsync("Gaps.Bulk.TooFewNodes", Segments.All.Count);
        }

        using var scope = cli.AuditedScope();
        var map = Chain(n);
        var result = await scope.ServiceProvider.GetRequiredService<ChainMapImporter>().SaveAsync(new ChainSaveRequest(map));
        if (!result.Succeeded)
        {
            return await cli.FailAsync("Gaps.Bulk.ChainRejected", string.Join("; ", result.Problems.Select(p => p.Key)));
        }

        await cli.Out.WriteLineAsync(cli.L["Gaps.Bulk.Chain", ChainCode, map.Nodes.Count, map.Edges.Count]);
        return CommandLine.Ok;
    }

    /// <summary>N nodes: the four segment roots, then the rest spread over the segments, each under its root or an
    /// earlier node of its segment; every non-root node gets two suppliers from the segment before it (upstream
    /// from support), and every 25th downstream node feeds an upstream node back (recycling: a cycle).</summary>
    public static ChainMap Chain(int n)
    {
        var random = new Random(Seed);
        var roots = new[] { "UP", "MID", "DOWN", "SUP" };
        var nodes = Segments.All.Select((segment, i) => new ChainNodeSpec(roots[i], "环节" + roots[i], roots[i], segment, null, [], false, null)).ToList();
        var bySegment = Segments.All.ToDictionary(s => s, _ => new List<string>());
        for (var i = 1; i <= n - roots.Length; i++)
        {
            var s = (i - 1) % Segments.All.Count;
            var segment = Segments.All[s];
            var peers = bySegment[segment];
            var parent = peers.Count > 0 && random.Next(3) > 0 ? peers[random.Next(peers.Count)] : roots[s];
            var code = "N" + i.ToString("0000", CultureInfo.InvariantCulture);
            nodes.Add(new ChainNodeSpec(code, "合成环节" + i, "Synthetic link " + i, segment, parent, ["35" + (i % 100).ToString("00", CultureInfo.InvariantCulture)], i % 10 == 0, null));
            peers.Add(code);
        }

        var edges = new List<ChainEdgeSpec>();
        var seen = new HashSet<(string, string)>();
        void Add(string from, string to, decimal? weight)
        {
            if (from != to && seen.Add((from, to)))
            {
                edges.Add(new ChainEdgeSpec(from, to, weight));
            }
        }

        var supplierSegment = new Dictionary<string, string>
        {
            [Segments.Upstream] = Segments.Support,
            [Segments.Midstream] = Segments.Upstream,
            [Segments.Downstream] = Segments.Midstream,
            [Segments.Support] = Segments.Upstream,
        };
        foreach (var (segment, codes) in bySegment)
        {
            var suppliers = bySegment[supplierSegment[segment]];
            foreach (var code in codes.Where(_ => suppliers.Count > 0))
            {
                Add(suppliers[random.Next(suppliers.Count)], code, random.Next(3) == 0 ? 0.3m : null);
                Add(suppliers[random.Next(suppliers.Count)], code, null);
            }
        }

        var upstream = bySegment[Segments.Upstream];
        foreach (var code in bySegment[Segments.Downstream].Where((_, i) => i % 25 == 0 && upstream.Count > 0))
        {
            Add(code, upstream[random.Next(upstream.Count)], 0.1m);
        }

        return new ChainMap(ChainCode, "合成基准产业链", "Synthetic benchmark chain", null, nodes, edges);
    }

    public static async Task<int> EnterprisesAsync(CliContext cli, int n)
    {
        var db = cli.Get<IDb>();
        var nodeIds = await db.QueryAsync<long>(Sql.BulkNodeIds, new { Code = ChainCode });
        if (nodeIds.Count == 0)
        {
            return await cli.FailAsync("Gaps.Bulk.NoChain", ChainCode);
        }

        var random = new Random(Seed + 1);
        var provinces = new[] { "浙江省", "浙江省", "浙江省", "江苏省", "上海市", "广东省" };
        var qualifications = new[] { "high_tech", "srdi", "little_giant", "single_champion", "listed" };
        var now = cli.Get<TimeProvider>().GetUtcNow().UtcDateTime;
        var start = await db.ExecuteScalarAsync<long>(Sql.CountBulkEnterprises);
        await db.InTransactionAsync(async session =>
        {
            for (var i = 0; i < n; i++)
            {
                var number = start + i;
                var name = "合成企业" + number.ToString("000000", CultureInfo.InvariantCulture) + "有限公司";
                var id = await session.InsertAsync(Sql.InsertEnterprise, new
                {
                    Uscc = Uscc.MakeValid("93339900" + Base31(number, 9)),
                    Name = name,
                    NameKey = name,
                    Kind = random.Next(5) < 3 ? "local" : "prospect",
                    Province = provinces[random.Next(provinces.Length)],
                    AnnualRevenueWan = (decimal)random.Next(500, 200_000),
                    Employees = random.Next(20, 3000),
                    Now = now,
                });
                var first = nodeIds[random.Next(nodeIds.Count)];
                await session.ExecuteAsync(Sql.InsertEnterpriseNode, new { EnterpriseId = id, NodeId = first });
                var second = nodeIds[random.Next(nodeIds.Count)];
                if (second != first && random.Next(4) == 0)
                {
                    await session.ExecuteAsync(Sql.InsertEnterpriseNode, new { EnterpriseId = id, NodeId = second });
                }

                if (random.Next(3) == 0)
                {
                    await session.ExecuteAsync(Sql.InsertQualification, new { EnterpriseId = id, Qualification = qualifications[random.Next(qualifications.Length)] });
                }
            }

            return 0;
        });
        await cli.Out.WriteLineAsync(cli.L["Gaps.Bulk.Enterprises", n, ChainCode]);
        return CommandLine.Ok;
    }

    public static async Task<int> ProjectsAsync(CliContext cli, int n)
    {
        var db = cli.Get<IDb>();
        var nodeIds = await db.QueryAsync<long>(Sql.BulkNodeIds, new { Code = ChainCode });
        var enterpriseIds = await db.QueryAsync<long>(Sql.BulkEnterpriseIds);
        var owner = await db.ExecuteScalarAsync<long?>(Sql.FirstUser);
        if (nodeIds.Count == 0 || enterpriseIds.Count == 0)
        {
            return await cli.FailAsync("Gaps.Bulk.NoChain", ChainCode);
        }

        if (owner is null)
        {
            return await cli.FailAsync("Gaps.Bulk.NoUser");
        }

        var random = new Random(Seed + 2);
        var stages = new[] { "lead", "lead", "contacted", "contacted", "site_visit", "negotiation", "signed", "started", "in_production", "on_hold", "lost" };
        var sources = new[] { "referral", "expo", "agency", "fund", "resident_office", "online", "other" };
        var now = cli.Get<TimeProvider>().GetUtcNow().UtcDateTime;
        var start = await db.ExecuteScalarAsync<long>(Sql.CountBulkProjects);
        await db.InTransactionAsync(async session =>
        {
            for (var i = 0; i < n; i++)
            {
                var number = start + i + 1;
                var stage = stages[random.Next(stages.Length)];
                var id = await session.InsertAsync(Sql.InsertProject, new
                {
                    Code = "BULK-" + number.ToString("000000", CultureInfo.InvariantCulture),
                    Title = "合成招商项目" + number.ToString(CultureInfo.InvariantCulture),
                    EnterpriseId = enterpriseIds[random.Next(enterpriseIds.Count)],
                    Stage = stage,
                    Source = sources[random.Next(sources.Length)],
                    OwnerUserId = owner,
                    PlannedInvestmentWan = (decimal)random.Next(1000, 100_000),
                    SignedOn = stage is "signed" or "started" or "in_production" ? new DateOnly(2026, 1 + random.Next(11), 1 + random.Next(28)) : (DateOnly?)null,
                    Now = now,
                });
                await session.ExecuteAsync(Sql.InsertProjectNode, new { ProjectId = id, NodeId = nodeIds[random.Next(nodeIds.Count)] });
            }

            return 0;
        });
        await cli.Out.WriteLineAsync(cli.L["Gaps.Bulk.Projects", n, ChainCode]);
        return CommandLine.Ok;
    }

    private static string Base31(long value, int width)
    {
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = Uscc.Charset[(int)(value % 31)];
            value /= 31;
        }

        return new string(chars);
    }

    internal static class Sql
    {
        public const string BulkNodeIds = "SELECT n.Id FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = @Code AND n.ParentId IS NOT NULL ORDER BY n.Id";

        public const string CountBulkEnterprises = "SELECT COUNT(*) FROM Enterprises WHERE Uscc LIKE '93339900%'";

        // Any enterprise: also those of seed-bulk --enterprises, which maps to every chain, BULK included.
        public const string BulkEnterpriseIds = "SELECT Id FROM Enterprises ORDER BY Id";

        public const string CountBulkProjects = "SELECT COUNT(*) FROM Projects WHERE Code LIKE 'BULK-%'";

        public const string FirstUser = "SELECT MIN(Id) FROM Users";

        public const string InsertEnterprise = """
            INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, Province, AnnualRevenueWan, Employees, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Uscc, @Name, @NameKey, @Kind, @Province, @AnnualRevenueWan, @Employees, 1, @Now, @Now)
            """;

        public const string InsertEnterpriseNode = "INSERT INTO EnterpriseNodes (EnterpriseId, NodeId) VALUES (@EnterpriseId, @NodeId)";

        public const string InsertQualification = "INSERT INTO EnterpriseQualifications (EnterpriseId, Qualification) VALUES (@EnterpriseId, @Qualification)";

        public const string InsertProject = """
            INSERT INTO Projects (Code, Title, EnterpriseId, Stage, Source, OwnerUserId, PlannedInvestmentWan, SignedOn, ContractedInvestmentWan, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Code, @Title, @EnterpriseId, @Stage, @Source, @OwnerUserId, @PlannedInvestmentWan, @SignedOn, CASE WHEN @SignedOn IS NULL THEN NULL ELSE @PlannedInvestmentWan END, 1, @Now, @Now)
            """;

        public const string InsertProjectNode = "INSERT INTO ProjectNodes (ProjectId, NodeId) VALUES (@ProjectId, @NodeId)";
    }
}
