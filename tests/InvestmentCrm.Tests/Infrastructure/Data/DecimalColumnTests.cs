using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Infrastructure.Data;

/// <summary>SQLite stores a NUMERIC value as an integer or a real depending on the value; both read back as decimal.</summary>
public sealed class DecimalColumnTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_numeric_column_holding_integers_and_reals_reads_back_as_decimals_in_any_order()
    {
        var now = SampleStamps.CreatedUtc;
        foreach (var (name, area) in new[] { ("甲园", 52000m), ("乙园", 1200.5m), ("丙园", (decimal?)null) })
        {
            await database.Db.ExecuteAsync(
                "INSERT INTO Parks (Name, AreaMu, CreatedAtUtc, UpdatedAtUtc) VALUES (@Name, @AreaMu, @Now, @Now)",
                new { Name = name, AreaMu = area, Now = now });
        }

        var rows = await database.Db.QueryAsync<ParkArea>("SELECT Name, AreaMu FROM Parks ORDER BY Id");
        var reversed = await database.Db.QueryAsync<ParkArea>("SELECT Name, AreaMu FROM Parks ORDER BY Id DESC");

        Assert.Equal([52000m, 1200.5m, null], rows.Select(r => r.AreaMu));
        Assert.Equal([null, 1200.5m, 52000m], reversed.Select(r => r.AreaMu));
        Assert.Equal(53200.5m, await database.Db.ExecuteScalarAsync<decimal>("SELECT SUM(AreaMu) FROM Parks"));
    }

    public sealed class ParkArea
    {
        public string Name { get; set; } = "";
        public decimal? AreaMu { get; set; }
    }
}
