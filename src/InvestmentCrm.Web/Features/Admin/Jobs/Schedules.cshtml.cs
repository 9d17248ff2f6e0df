using Hangfire;
using Hangfire.Storage;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Jobs;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Admin.Jobs;

/// <summary>
/// /admin/jobs/schedules, beside the Hangfire Dashboard at /admin/jobs: each recurring job under the domain's name,
/// its schedule in words as well as raw cron (the dashboard shows raw cron only), the next and last run, whether any
/// node runs jobs at all, and "run now" (audited) for Admins; for the digest, the week "run now" sends.
/// </summary>
public sealed class SchedulesModel(
    JobStorage storage,
    IRecurringJobManagerV2 manager,
    IDb db,
    AuditLog audit,
    Features.Digest.DigestScheduler digests,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The week a digest run now reports on (the last complete week): on a Sunday that is the week before,
    /// which the page says with its dates, so that nobody expects "run now" to send the week not yet over.</summary>
    public Domain.IsoWeekId DigestWeek => digests.LastCompleteWeek(clock.GetUtcNow());

    /// <summary>Hangfire servers that have checked in: 0 means nothing runs jobs (every node is web-only, or down).</summary>
    public long Servers { get; private set; }

    [TempData] public string? Message { get; set; }

    [TempData] public string? StartedJobId { get; set; }

    public void OnGet()
    {
        using var connection = storage.GetConnection();
        var stored = connection.GetRecurringJobs([.. AppJobs.Recurring.Select(j => j.Id)]).ToDictionary(r => r.Id, StringComparer.Ordinal);
        Rows = [.. AppJobs.Recurring.Select(job => new Row(job, stored.GetValueOrDefault(job.Id)))];
        Servers = storage.GetMonitoringApi().Servers().Count;
    }

    public async Task<IActionResult> OnPostRunAsync(string id, CancellationToken ct)
    {
        var job = AppJobs.Recurring.FirstOrDefault(j => j.Id == id);
        if (job is null)
        {
            Message = l["Jobs.Error.CannotRun", id];
            return RedirectToPage();
        }

        StartedJobId = manager.TriggerJob(job.Id);
        await audit.WriteAsync(db, "job", job.Id, "run", new { job = StartedJobId });
        Message = l["Jobs.Done.Run", l[job.TitleKey]];
        return RedirectToPage();
    }

    public sealed record Row(RecurringJobDefinition Job, RecurringJobDto? Stored)
    {
        public string Cron => Stored?.Cron ?? Job.DefaultCron;
    }
}
