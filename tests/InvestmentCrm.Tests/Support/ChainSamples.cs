using Dapper;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Support;

/// <summary>Chain maps and database facts the chain tests share.</summary>
public static class ChainSamples
{
    public static string SewJson => DemoSeeder.ChainJson();

    public static ChainMap Sew => ChainMapJson.Parse(SewJson).Map!;

    /// <summary>A small valid chain: two top links, two children and a supply edge.</summary>
    public static ChainMap Small(string code = "PV") => new(
        code,
        "光伏产业链",
        "Photovoltaics",
        null,
        [
            new ChainNodeSpec("UP", "上游", "Upstream", Segments.Upstream, null, [], false, null),
            new ChainNodeSpec("SI", "多晶硅", "Polysilicon", Segments.Upstream, "UP", ["3985"], true, "高纯多晶硅"),
            new ChainNodeSpec("MID", "中游", "Midstream", Segments.Midstream, null, [], false, null),
            new ChainNodeSpec("CELL", "电池片", "Cells", Segments.Midstream, "MID", ["C3825"], false, null),
        ],
        [new ChainEdgeSpec("SI", "CELL", 0.4m)]);

    public static async Task<long> CountAsync(IDb db, string table) =>
        await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");

    public static async Task<Dictionary<string, long>> NodeIdsAsync(IDb db, string chainCode) =>
        (await db.QueryAsync<(long Id, string Code)>(
            "SELECT n.Id, n.Code FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = @Code", new { Code = chainCode }))
        .ToDictionary(r => r.Code, r => r.Id);

    /// <summary>A local enterprise mapped to one node, as the enterprise registry will store it.</summary>
    public static async Task MapEnterpriseAsync(IDb db, string chainCode, string nodeCode, string uscc = "91310110666007217T", decimal revenueWan = 12000m)
    {
        var now = SampleStamps.CreatedUtc;
        await using var connection = await db.OpenAsync();
        var enterpriseId = await connection.ExecuteScalarAsync<long?>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = uscc });
        if (enterpriseId is null)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, AnnualRevenueWan, Version, CreatedAtUtc, UpdatedAtUtc)
                VALUES (@Uscc, @Name, @Name, 'local', @Revenue, 1, @Now, @Now)
                """,
                new { Uscc = uscc, Name = "浙江测试缝制设备有限公司" + uscc[^4..], Revenue = revenueWan, Now = now });
            enterpriseId = await connection.ExecuteScalarAsync<long>("SELECT Id FROM Enterprises WHERE Uscc = @Uscc", new { Uscc = uscc });
        }

        var nodeId = (await NodeIdsAsync(db, chainCode))[nodeCode];
        await connection.ExecuteAsync("INSERT INTO EnterpriseNodes (EnterpriseId, NodeId) VALUES (@EnterpriseId, @NodeId)", new { EnterpriseId = enterpriseId, NodeId = nodeId });
    }
}
