using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Infrastructure.Data;

/// <summary>A statement prepared once and run many times, as the enterprise import uses it.</summary>
public sealed class PreparedStatementTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Insert = "INSERT INTO Parks (Name, AreaMu, CreatedAtUtc, UpdatedAtUtc) VALUES (@Name, @AreaMu, @Now, @Now)";

    [Fact]
    public async Task One_statement_runs_for_every_row_and_rows_read_back_by_column_name_in_any_column_order()
    {
        var (rows, reordered, names, ids) = await database.Db.InTransactionAsync(async session =>
        {
            await using var insert = new PreparedStatement(session, Insert);
            foreach (var (name, area) in new[] { ("批量甲园", 52000m), ("批量乙园", 1200.5m), ("批量丙园", (decimal?)null) })
            {
                await insert.Set("Name", name).Set("AreaMu", area).Set("Now", SampleStamps.CreatedUtc).ExecuteAsync();
            }

            await using var select = new PreparedStatement(session, "SELECT Id, Name, AreaMu FROM Parks WHERE Name LIKE @Pattern ORDER BY Id");
            await using var reversed = new PreparedStatement(session, "SELECT AreaMu, Name, Id FROM Parks WHERE Name LIKE @Pattern ORDER BY Id");
            await using var nameList = new PreparedStatement(session, "SELECT Name FROM Parks WHERE Name LIKE @Pattern ORDER BY Id");
            await using var idList = new PreparedStatement(session, "SELECT Id FROM Parks WHERE Name LIKE @Pattern ORDER BY Id");
            return (
                await select.Set("Pattern", "批量%").ListAsync<Park>(),
                await reversed.Set("Pattern", "批量%").ListAsync<Park>(),
                await nameList.Set("Pattern", "批量%").ListAsync<string>(),
                await idList.Set("Pattern", "批量%").ListAsync<long>());
        });

        Assert.Equal([("批量甲园", 52000m), ("批量乙园", 1200.5m), ("批量丙园", (decimal?)null)], rows.Select(r => (r.Name, r.AreaMu)));
        Assert.Equal(rows, reordered);
        Assert.Equal(rows.Select(r => r.Name), names);
        Assert.Equal(rows.Select(r => r.Id), ids);
    }

    [Fact]
    public async Task The_first_row_or_nothing()
    {
        var (found, missing) = await database.Db.InTransactionAsync(async session =>
        {
            await using var insert = new PreparedStatement(session, Insert);
            await insert.Set("Name", "预备丁园").Set("AreaMu", 10m).Set("Now", SampleStamps.CreatedUtc).ExecuteAsync();
            await using var byName = new PreparedStatement(session, "SELECT Id, Name, AreaMu FROM Parks WHERE Name = @Name");
            return (await byName.Set("Name", "预备丁园").QueryFirstAsync<Park>(), await byName.Set("Name", "没有这个园").QueryFirstAsync<Park>());
        });

        Assert.Equal(("预备丁园", 10m), (found!.Name, found.AreaMu));
        Assert.Null(missing);
    }

    private sealed record Park
    {
        public long Id { get; init; }

        public string Name { get; init; } = "";

        public decimal? AreaMu { get; init; }
    }
}
