using Hangfire;
using InvestmentCrm.Web.Features.Digest;
using InvestmentCrm.Web.Features.Reports;
using InvestmentCrm.Web.Features.Reports.ChainGap;
using InvestmentCrm.Web.Features.Reports.Dispatch;
using InvestmentCrm.Web.Infrastructure.Jobs;

namespace InvestmentCrm.Web;

/// <summary>
/// THE place where the app's recurring jobs are declared (the composition root, like <see cref="AppHost"/>: the job
/// classes live in their features, the plumbing that schedules them in Infrastructure/Jobs). Adding one: a job class
/// with a <c>RunAsync(CancellationToken)</c> method (see <see cref="DigestJob"/>), a line below, its id in
/// <see cref="RecurringJobs"/> and its name in Resources/Jobs.*.json (Jobs.Name.ClassName).
/// </summary>
public static class AppJobs
{
    public static readonly IReadOnlyList<RecurringJobDefinition> Recurring =
    [
        // Mondays 08:00: the digest of the ISO week that just ended.
        new(RecurringJobs.DigestId, "0 8 * * 1", typeof(DigestJob),
            (m, id, cron, options) => m.AddOrUpdate<DigestJob>(id, job => job.RunAsync(CancellationToken.None), cron, options)),
        // Every minute: what the outbox holds that is due (new messages and retries).
        new(RecurringJobs.OutboxId, "* * * * *", typeof(OutboxSendJob),
            (m, id, cron, options) => m.AddOrUpdate<OutboxSendJob>(id, job => job.RunAsync(CancellationToken.None), cron, options)),
        // 07:00 on the 1st: every chain's chain-gap report in zh-CN and en (一月一调度).
        new(RecurringJobs.ChainGapReportsId, "0 7 1 * *", typeof(ChainGapReportsJob),
            (m, id, cron, options) => m.AddOrUpdate<ChainGapReportsJob>(id, job => job.RunAsync(CancellationToken.None), cron, options)),
        // 07:30 on the 1st: the bureau's dispatch report of the month before in zh-CN and en (月度调度报告).
        new(RecurringJobs.DispatchReportId, "30 7 1 * *", typeof(DispatchReportJob),
            (m, id, cron, options) => m.AddOrUpdate<DispatchReportJob>(id, job => job.RunAsync(CancellationToken.None), cron, options)),
    ];

    /// <summary>Jobs named by what they work on: a document job names the document and its subject.</summary>
    public static readonly IReadOnlyList<JobDescriber> Described =
    [
        new(typeof(DocumentJob), (job, l) => job.Args is [_, string kind, string subject, ..]
            ? l["Jobs.Name.DocumentJob.Of", l["Reports.Kind." + kind], subject].Value
            : null),
    ];

    public static void Add(IServiceCollection services)
    {
        foreach (var describer in Described)
        {
            services.AddSingleton(describer);
        }

        foreach (var job in Recurring)
        {
            services.AddSingleton(job);
        }
    }
}
