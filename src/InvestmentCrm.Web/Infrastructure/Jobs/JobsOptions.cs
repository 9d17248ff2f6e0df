using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> section of configuration: how this node runs Hangfire (appsettings.example.json).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// false: a web-only node. It enqueues jobs (buttons, stage changes) and shows the dashboard but runs none; a
    /// node with true runs them. On SQLite exactly one process may run jobs (README "Background jobs").
    /// </summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Jobs one node runs at once. PDFs share <c>Pdf:Pages</c> browser pages, so more rarely helps on 2 cores.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// How often a node looks for delayed jobs (retries waiting for their delay) and due recurring jobs. A retry
    /// starts up to this long after its delay.
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// SQLite storage only: a job taken by a worker becomes takeable again after this long. It must exceed the
    /// longest job (otherwise a still-running job starts a second time) and it is how long a job whose process was
    /// killed waits before it runs again. SQL Server storage keeps its lease alive while the job runs instead.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>SQLite storage only: how often idle workers look for new jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// SQLite storage only: Hangfire's own database file. Empty: beside the application's database, named after it
    /// (<c>investmentcrm.db</c> → <c>investmentcrm.hangfire.db</c>). Relative paths are under the content root.
    /// </summary>
    public string? SqliteFile { get; set; }

    /// <summary>SQL Server storage only: the schema of Hangfire's tables in the application database.</summary>
    public string SqlServerSchema { get; set; } = "hangfire";

    /// <summary>
    /// SQL Server storage only: Hangfire creates or upgrades its schema at start-up. false when a DBA runs the script
    /// of <c>jobs install-script</c> instead (the app's login then needs no DDL rights on that schema).
    /// </summary>
    public bool SqlServerPrepareSchema { get; set; } = true;

    /// <summary>
    /// The recurring jobs' schedules by job id, standard cron (minute hour day-of-month month day-of-week, 0 or 7 =
    /// Sunday) in <c>App:TimeZone</c>; a job not named here runs on its declared default. The ids are those of the
    /// declared <see cref="RecurringJobDefinition"/>s.
    /// </summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Checks the <c>Jobs</c> section at start-up, and refuses the settings that configurations of the previous scheduler carry under
/// old names: silently ignoring them would, e.g., make a configured web-only node start running jobs.
/// </summary>
public sealed class JobsOptionsValidation(IConfiguration configuration, IEnumerable<RecurringJobDefinition> declared) : IValidateOptions<JobsOptions>
{
    /// <summary>Old setting → what replaced it.</summary>
    public static readonly IReadOnlyDictionary<string, string> MovedSettings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Jobs:RunScheduler"] = "Jobs:RunServer",
        ["Jobs:MaxConcurrency"] = "Jobs:WorkerCount",
        ["Email:Digest:Cron"] = "Jobs:Schedules:" + RecurringJobs.DigestId,
        ["Email:Digest:TimeZone"] = "App:TimeZone (every recurring job runs in the app's time zone)",
        ["Reports:ChainGapCron"] = "Jobs:Schedules:" + RecurringJobs.ChainGapReportsId,
    };

    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var errors = new List<string>();
        foreach (var (old, replacement) in MovedSettings)
        {
            if (configuration[old] is not null)
            {
                errors.Add($"{old} is no longer read: use {replacement}. Schedules are standard 5-field cron now (minute hour day month weekday, 0 = Sunday).");
            }
        }

        if (options.WorkerCount is < 1 or > 50)
        {
            errors.Add($"Jobs:WorkerCount must be between 1 and 50, not {options.WorkerCount}.");
        }

        if (options.InvisibilityTimeout <= TimeSpan.Zero || options.QueuePollInterval <= TimeSpan.Zero || options.SchedulePollingInterval <= TimeSpan.Zero)
        {
            errors.Add("Jobs:InvisibilityTimeout, Jobs:QueuePollInterval and Jobs:SchedulePollingInterval must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.SqlServerSchema) || !options.SqlServerSchema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            errors.Add($"Jobs:SqlServerSchema must be a plain name of letters, digits and _, not '{options.SqlServerSchema}'.");
        }

        // "//key" entries are comments (the convention of appsettings.example.json).
        foreach (var (id, cron) in options.Schedules.Where(s => !s.Key.StartsWith("//", StringComparison.Ordinal)))
        {
            if (!declared.Any(j => j.Id == id))
            {
                errors.Add($"Jobs:Schedules:{id} names no recurring job; the jobs are {string.Join(", ", declared.Select(j => j.Id))}.");
            }
            else if (!CronText.IsValid(cron))
            {
                errors.Add($"Jobs:Schedules:{id} = '{cron}' is not a valid cron expression (minute hour day-of-month month day-of-week).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
