using Hangfire;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Mail;

namespace InvestmentCrm.Web.Features.Reports.Dispatch;

/// <summary>
/// The bureau's stored dispatch reports: the monthly run (the 1st, for the month before) stores the report in each
/// of <see cref="MonthlyCultures"/> under the key <c>dispatch:CULTURE:yyyy-MM</c>, so a second run for the same month
/// (a retry, "trigger now") stores nothing new; the leaders' weekly digest attaches those stored in its week.
/// </summary>
public sealed class DispatchReports(IDb db, Documents documents, TimeProvider clock, Projects.ProjectLookups lookups, ILogger<DispatchReports> logger)
{
    public static readonly IReadOnlyList<string> MonthlyCultures = ["zh-CN", "en"];

    public static string MonthlyKey(string culture, DispatchMonth month) => $"dispatch:{culture}:{month}";

    /// <summary>The month the run at this moment reports on: the month before today in the app's time zone.</summary>
    public DispatchMonth MonthlyMonth => DispatchMonth.Before(LocalTime.Today(clock, lookups.Zone));

    /// <summary>Stores the bureau's report of the month before in each monthly culture, once; returns how many it stored.</summary>
    public async Task<int> GenerateMonthlyAsync(CancellationToken ct)
    {
        var month = MonthlyMonth;
        var stored = 0;
        List<Exception> failures = [];
        foreach (var culture in MonthlyCultures)
        {
            try
            {
                if (await documents.EnsureAsync(MonthlyKey(culture, month), DocumentKinds.Dispatch, month.ToString(), culture, DocumentTriggers.Schedule, ct))
                {
                    stored++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One language's failure does not stop the other; the retry redoes only the missing one.
                logger.LogError(ex, "Dispatch report of {Month} ({Culture}) failed", month, culture);
                failures.Add(ex);
            }
        }

        return failures.Count > 0 ? throw new AggregateException("Some dispatch reports failed.", failures) : stored;
    }

    /// <summary>The monthly reports stored in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) in the culture, as
    /// mail attachments (the leaders' digest of that week).</summary>
    public static async Task<IReadOnlyList<EmailAttachment>> StoredAsync(IDb db, DateTime fromUtc, DateTime toUtc, string culture, CancellationToken ct)
    {
        var rows = await db.QueryAsync<StoredRow>(Sql.Stored, new { FromUtc = fromUtc, ToUtc = toUtc, Culture = culture }, ct);
        return [.. rows.Select(r => new EmailAttachment(r.FileName, "application/pdf", r.Content))];
    }

    /// <summary>Whether a monthly report of the month is stored in the culture (the page's link to it).</summary>
    public async Task<long?> StoredIdAsync(DispatchMonth month, string culture, CancellationToken ct) =>
        await db.ExecuteScalarAsync<long?>(Sql.StoredId, new { RequestKey = MonthlyKey(culture, month) }, ct);

    private sealed class StoredRow
    {
        public string FileName { get; set; } = "";
        public byte[] Content { get; set; } = [];
    }

    internal static class Sql
    {
        public const string Stored = """
            SELECT FileName, Content
            FROM Documents
            WHERE Kind = 'dispatch' AND TriggeredBy = 'schedule' AND Culture = @Culture
              AND GeneratedAtUtc >= @FromUtc AND GeneratedAtUtc < @ToUtc
            ORDER BY GeneratedAtUtc, Id
            """;

        public const string StoredId = "SELECT MAX(Id) FROM Documents WHERE RequestKey = @RequestKey";
    }
}

/// <summary>The monthly dispatch report (recurring job dispatch-report, 07:30 on the 1st in App:TimeZone).</summary>
public sealed class DispatchReportJob(DispatchReports reports)
{
    /// <summary>A failed run is retried after 5 min, 30 min and 2 h; each retry makes only the missing language.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [300, 1800, 7200], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(CancellationToken cancellationToken) => reports.GenerateMonthlyAsync(cancellationToken);
}
