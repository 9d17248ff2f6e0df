using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Tests.Infrastructure.Data;

/// <summary>The write counters the caches rely on (migration 0017) and the cache that checks them.</summary>
public sealed class DataVersionsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    public static TheoryData<string> Counted() => new(DataVersions.Counted);

    [Theory]
    [MemberData(nameof(Counted))]
    public async Task Every_counted_table_has_its_counter_and_a_trigger_per_event_in_both_dialects(string table)
    {
        Assert.Equal(1, await database.Db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DataVersions WHERE Name = @Table", new { Table = table }));
        var triggers = await database.Db.QueryAsync<string>(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = @Table AND sql LIKE '%UPDATE DataVersions SET Version = Version + 1 WHERE Name = ''' || @Table || '''%'",
            new { Table = table });
        Assert.Equal(3, triggers.Count);
        foreach (var evt in new[] { "AFTER INSERT", "AFTER UPDATE", "AFTER DELETE" })
        {
            Assert.Single(triggers, t => t.Contains(evt + " ON " + table + " ", StringComparison.Ordinal));
        }

        var sqlServer = Directory.GetFiles(RepoPaths.Db("sqlserver"), "*.sql")
            .SelectMany(file => SqlServerDialect.Instance.SplitBatches(File.ReadAllText(file)));
        Assert.Single(sqlServer, b => b.Contains($"CREATE TRIGGER TR_{table}_DataVersion ON {table} AFTER INSERT, UPDATE, DELETE AS", StringComparison.Ordinal)
            && b.Contains($"WHERE Name = N'{table}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_moves_the_stamp_of_its_table_and_of_no_other()
    {
        var teams = await DataVersions.StampAsync(database.Db, [DataVersions.TeamTargets], CancellationToken.None);
        var chains = await DataVersions.StampAsync(database.Db, [DataVersions.Chains], CancellationToken.None);

        await database.Db.ExecuteAsync("INSERT INTO TeamTargets (TeamId, Year, TargetWan, UpdatedAtUtc) VALUES (NULL, 2031, 5, '2031-01-01')");
        await database.Db.ExecuteAsync("UPDATE TeamTargets SET TargetWan = 6 WHERE Year = 2031");
        await database.Db.ExecuteAsync("DELETE FROM TeamTargets WHERE Year = 2031");

        Assert.Equal(teams + 3, await DataVersions.StampAsync(database.Db, [DataVersions.TeamTargets], CancellationToken.None));
        Assert.Equal(chains, await DataVersions.StampAsync(database.Db, [DataVersions.Chains], CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => DataVersions.StampAsync(database.Db, ["AuditLog"], CancellationToken.None));
    }

    [Fact]
    public async Task The_cache_computes_once_per_stamp_for_callers_arriving_together_and_again_for_a_new_stamp()
    {
        var cache = new VersionedCache<string, int>();
        var computed = 0;
        var release = new TaskCompletionSource();
        async Task<int> Compute()
        {
            Interlocked.Increment(ref computed);
            await release.Task;
            return computed;
        }

        var callers = Enumerable.Range(0, 5).Select(_ => cache.GetAsync("k", 1, Compute)).ToList();
        release.SetResult();

        Assert.All(await Task.WhenAll(callers), v => Assert.Equal(1, v));
        Assert.Equal(1, await cache.GetAsync("k", 1, Compute));
        Assert.Equal(2, await cache.GetAsync("k", 2, Compute));
        Assert.Equal(3, await cache.GetAsync("k", 1, Compute)); // an older stamp is recomputed too, never matched to a newer value
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept_and_callers_waiting_on_it_compute_their_own()
    {
        var cache = new VersionedCache<string, int>();
        var failing = new TaskCompletionSource<int>();
        var first = cache.GetAsync("k", 1, () => failing.Task);
        var waiting = cache.GetAsync("k", 1, () => Task.FromResult(7));
        failing.SetException(new OperationCanceledException());

        await Assert.ThrowsAsync<OperationCanceledException>(() => first);
        Assert.Equal(7, await waiting);
        Assert.Equal(7, await cache.GetAsync("k", 1, () => Task.FromResult(8)));
    }
}
