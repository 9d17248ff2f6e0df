using System.Globalization;
using Hangfire;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;

namespace InvestmentCrm.Web.Features.Reports.ChainGap;

/// <summary>
/// The chain-gap reports' requests: the gaps page's "generate" button (a queued document job) and the monthly run
/// (一月一调度), which generates every chain's report in each <see cref="MonthlyCultures"/> under the key
/// <c>chain_gap:CODE:CULTURE:yyyy-MM</c>, so a second run in the same month (a retry, a crash, "trigger now" on
/// the dashboard or /admin/jobs/schedules) stores nothing new.
/// </summary>
public sealed class ChainGapReports(IDb db, Documents documents, Display show, TimeProvider clock, ILogger<ChainGapReports> logger)
{
    public static readonly IReadOnlyList<string> MonthlyCultures = ["zh-CN", "en"];

    public async Task<bool> ChainExistsAsync(string chainCode, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long>(Sql.ChainExists, new { Code = chainCode.Trim().ToUpperInvariant() }, ct) > 0;

    /// <summary>Queues a report of the chain in the culture (the gaps page); null when no chain has the code.</summary>
    public async Task<string?> RequestAsync(string chainCode, string culture, long? userId, CancellationToken ct)
    {
        var code = chainCode.Trim().ToUpperInvariant();
        if (!await ChainExistsAsync(code, ct))
        {
            return null;
        }

        return await documents.RequestAsync(DocumentKinds.ChainGap, code, culture, userId, DocumentTriggers.User, ct);
    }

    /// <summary>The monthly run: every chain, every monthly culture, once per month. Returns how many it stored.</summary>
    public async Task<int> GenerateMonthlyAsync(CancellationToken ct)
    {
        var month = show.Local(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var stored = 0;
        List<Exception> failures = [];
        foreach (var code in await db.QueryAsync<string>(Sql.ChainCodes, ct: ct))
        {
            foreach (var culture in MonthlyCultures)
            {
                try
                {
                    if (await documents.EnsureAsync(MonthlyKey(code, culture, month), DocumentKinds.ChainGap, code, culture, DocumentTriggers.Schedule, ct))
                    {
                        stored++;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One chain's failure does not stop the others; the run fails at the end and is retried,
                    // which redoes only the missing ones.
                    logger.LogError(ex, "Chain-gap report of {Chain} ({Culture}) failed", code, culture);
                    failures.Add(ex);
                }
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Some chain-gap reports failed.", failures);
        }

        return stored;
    }

    public static string MonthlyKey(string chainCode, string culture, string month) => $"chain_gap:{chainCode}:{culture}:{month}";

    /// <summary>The latest stored report of the chain, preferring the culture; null when none.</summary>
    public Task<LatestReport?> LatestAsync(string chainCode, string culture, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<LatestReport>(Sql.Latest, new { Subject = chainCode.Trim().ToUpperInvariant(), Culture = culture, Skip = 0, Take = 1 }, ct);

    public sealed class LatestReport
    {
        public long Id { get; set; }
        public string Culture { get; set; } = "";
        public DateTime GeneratedAtUtc { get; set; }
    }

    internal static class Sql
    {
        public const string ChainExists = "SELECT COUNT(*) FROM Chains WHERE Code = @Code";

        public const string ChainCodes = "SELECT Code FROM Chains ORDER BY Code";

        public const string Latest = """
            SELECT Id, Culture, GeneratedAtUtc
            FROM Documents
            WHERE Kind = 'chain_gap' AND Subject = @Subject
            ORDER BY CASE WHEN Culture = @Culture THEN 0 ELSE 1 END, GeneratedAtUtc DESC, Id DESC
            /**paging**/
            """;
    }
}

/// <summary>The monthly chain-gap reports (recurring job chain-gap-reports, 07:00 on the 1st in App:TimeZone).</summary>
public sealed class ChainGapReportsJob(ChainGapReports reports)
{
    /// <summary>A run with failed chains is retried after 5 min, 30 min and 2 h; each retry makes only the missing ones.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 1800, 7200], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(CancellationToken cancellationToken) => reports.GenerateMonthlyAsync(cancellationToken);
}
