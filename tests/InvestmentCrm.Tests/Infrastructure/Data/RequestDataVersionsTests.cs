using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http;

namespace InvestmentCrm.Tests.Infrastructure.Data;

/// <summary>
/// A page reads the data counters once, and every cached value on it (session check, notifications count, saved
/// views, filter choices) shares that read; a request that may write, or work outside a request, reads afresh each
/// time, so nothing computed before a write is handed out after it.
/// </summary>
public sealed class RequestDataVersionsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task A_page_request_reads_the_counters_once_and_keeps_that_snapshot(string method)
    {
        var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { Request = { Method = method } } };
        var versions = new RequestDataVersions(database.Db, accessor);

        var before = await versions.StampAsync([DataVersions.TeamTargets], CancellationToken.None);
        await database.Db.ExecuteAsync("INSERT INTO TeamTargets (TeamId, Year, TargetWan, UpdatedAtUtc) VALUES (NULL, 2041, 5, '2041-01-01')");

        Assert.Same(versions.ReadAsync(CancellationToken.None), versions.ReadAsync(CancellationToken.None));
        Assert.Equal(before, await versions.StampAsync([DataVersions.TeamTargets], CancellationToken.None));
        Assert.Equal(before + 1, await DataVersions.StampAsync(database.Db, [DataVersions.TeamTargets], CancellationToken.None));
        var nextRequest = new RequestDataVersions(database.Db, new HttpContextAccessor { HttpContext = new DefaultHttpContext { Request = { Method = method } } });
        Assert.Equal(before + 1, await nextRequest.StampAsync([DataVersions.TeamTargets], CancellationToken.None));
        await database.Db.ExecuteAsync("DELETE FROM TeamTargets WHERE Year = 2041");
    }

    [Fact]
    public async Task A_request_that_may_write_and_work_outside_a_request_read_the_counters_at_every_call()
    {
        foreach (var accessor in new[] { new HttpContextAccessor { HttpContext = new DefaultHttpContext { Request = { Method = "POST" } } }, new HttpContextAccessor() })
        {
            var versions = new RequestDataVersions(database.Db, accessor);
            var before = await versions.StampAsync([DataVersions.TeamTargets], CancellationToken.None);

            await database.Db.ExecuteAsync("INSERT INTO TeamTargets (TeamId, Year, TargetWan, UpdatedAtUtc) VALUES (NULL, 2042, 5, '2042-01-01')");

            Assert.Equal(before + 1, await versions.StampAsync([DataVersions.TeamTargets], CancellationToken.None));
            await database.Db.ExecuteAsync("DELETE FROM TeamTargets WHERE Year = 2042");
        }
    }
}
