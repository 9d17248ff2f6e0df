using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Jobs;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Quartz;

namespace InvestmentCrm.Web.Features.Admin.Jobs;

/// <summary>/admin/jobs: the declared jobs with their schedules and next runs, and every recent run with its outcome.</summary>
public sealed class IndexModel(
    IDb db,
    ISchedulerFactory schedulers,
    IEnumerable<JobDefinition> definitions,
    JobQueue queue,
    AuditLog audit,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly IReadOnlyList<string> Statuses = ["running", "succeeded", "failed", "retrying", "interrupted"];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Job { get; set; }
    [BindProperty(SupportsGet = true, Name = Paging.QueryKey)] public int? PageNumber { get; set; }

    public IReadOnlyList<ScheduleRow> Schedules { get; private set; } = [];
    public PageOf<RunRow> Runs { get; private set; } = new([], 1, Paging.DefaultSize, 0);

    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var lastRuns = (await db.QueryAsync<LastRun>(Sql.LastRuns, ct: ct)).ToDictionary(r => r.JobName, StringComparer.Ordinal);
        var schedules = new List<ScheduleRow>();
        foreach (var definition in definitions.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var triggers = await scheduler.GetTriggersOfJob(definition.Key, ct);
            var schedule = triggers.FirstOrDefault(t => t.Key.Equals(definition.TriggerKey));
            lastRuns.TryGetValue(definition.Name, out var last);
            schedules.Add(new ScheduleRow(
                definition,
                schedule?.NextFireTimeUtc?.UtcDateTime,
                triggers.Count(t => !t.Key.Equals(definition.TriggerKey)),
                last));
        }

        Schedules = schedules;
        var (page, size, skip) = Paging.Normalize(PageNumber, 50);
        var filter = new
        {
            Status = Statuses.Contains(Status) ? Status : null,
            Job = string.IsNullOrWhiteSpace(Job) ? null : Job.Trim(),
            Skip = skip,
            Take = size,
        };
        var total = await db.ExecuteScalarAsync<long>(Sql.Count, filter, ct);
        Runs = new PageOf<RunRow>(await db.QueryAsync<RunRow>(Sql.Runs, filter, ct), page, size, total);
    }

    public async Task<IActionResult> OnPostRunAsync(string name, CancellationToken ct)
    {
        var definition = definitions.FirstOrDefault(d => d.Name == name);
        if (definition is null || !definition.IsRecurring)
        {
            Message = l["Jobs.Error.CannotRun", name];
            return RedirectToPage();
        }

        await queue.EnqueueAsync(definition.Name, new Dictionary<string, string>(), JobData.Sources.User, User.Identity?.Name, ct);
        await audit.WriteAsync(db, "job", definition.Name, "run");
        Message = l["Jobs.Done.Run", l[definition.TitleKey]];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var run = await db.QuerySingleOrDefaultAsync<RunRow>(Sql.Run, new { Id = id }, ct);
        if (run is null || run.Status is not ("failed" or "interrupted") || !await queue.RetryAsync(id, User.Identity?.Name ?? "admin", ct))
        {
            Message = l["Jobs.Error.CannotRetry", id];
            return RedirectToPage();
        }

        await audit.WriteAsync(db, "job", run.JobName, "retry", new { run = id });
        Message = l["Jobs.Done.Retry", id];
        return RedirectToPage();
    }

    public sealed record ScheduleRow(JobDefinition Definition, DateTime? NextRunUtc, int Queued, LastRun? Last);

    public sealed class LastRun
    {
        public string JobName { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public DateTime StartedAtUtc { get; set; }
    }

    public sealed class RunRow
    {
        public long Id { get; set; }
        public string JobName { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public string TriggeredBy { get; set; } = string.Empty;
        public string? TriggeredByName { get; set; }
        public int Attempt { get; set; }
        public bool Recovering { get; set; }
        public DateTime StartedAtUtc { get; set; }
        public DateTime? FinishedAtUtc { get; set; }
        public long? DurationMs { get; set; }
        public string? Error { get; set; }
        public string InstanceId { get; set; } = string.Empty;
    }

    internal static class Sql
    {
        private const string Where = """

            FROM JobRuns
            WHERE (@Status IS NULL OR Status = @Status) AND (@Job IS NULL OR JobName = @Job)
            """;

        public const string Count = "SELECT COUNT(*)" + Where;

        public const string Runs = """
            SELECT Id, JobName, Status, TriggeredBy, TriggeredByName, Attempt, Recovering, StartedAtUtc, FinishedAtUtc,
                   DurationMs, Error, InstanceId
            """ + Where + "\nORDER BY StartedAtUtc DESC, Id DESC " + SqlText.Paging;

        public const string Run = """
            SELECT Id, JobName, Status, TriggeredBy, TriggeredByName, Attempt, Recovering, StartedAtUtc, FinishedAtUtc,
                   DurationMs, Error, InstanceId
            FROM JobRuns WHERE Id = @Id
            """;

        public const string LastRuns = """
            SELECT r.JobName, r.Status, r.StartedAtUtc
            FROM JobRuns r
            WHERE r.Id = (SELECT MAX(x.Id) FROM JobRuns x WHERE x.JobName = r.JobName)
            """;
    }
}
