using Hangfire.Common;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>A job whose name says more than its class, e.g. which document it renders: declared in <see cref="AppJobs"/>.</summary>
/// <param name="Describe">The name in the reader's language, or null for the class's plain name.</param>
public sealed record JobDescriber(Type JobType, Func<Job, IStringLocalizer, string?> Describe);

/// <summary>
/// The domain's names of jobs, in the reader's language, for the dashboard (its DisplayNameFunc) and the schedules
/// page: the resource <c>Jobs.Name.ClassName</c>, or what the job's <see cref="JobDescriber"/> says.
/// </summary>
public static class JobNames
{
    public static string KeyOf(Type jobType) => "Jobs.Name." + jobType.Name;

    public static string Describe(Job job, IStringLocalizer l, IEnumerable<JobDescriber> describers)
    {
        var name = l[KeyOf(job.Type)];
        if (name.ResourceNotFound)
        {
            return $"{job.Type.Name}.{job.Method.Name}";
        }

        return describers.FirstOrDefault(d => d.JobType == job.Type)?.Describe(job, l) ?? name;
    }
}
