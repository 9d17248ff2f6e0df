using Hangfire.Common;
using InvestmentCrm.Web.Features.Reports;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// The domain's names of jobs, in the reader's language, for the dashboard (its DisplayNameFunc) and the schedules
/// page: the resource <c>Jobs.Name.ClassName</c>; a document job also names the document and its subject.
/// </summary>
public static class JobNames
{
    public static string KeyOf(Type jobType) => "Jobs.Name." + jobType.Name;

    public static string Describe(Job job, IStringLocalizer l)
    {
        var name = l[KeyOf(job.Type)];
        if (name.ResourceNotFound)
        {
            return $"{job.Type.Name}.{job.Method.Name}";
        }

        return job.Type == typeof(DocumentJob) && job.Args is [_, string kind, string subject, ..]
            ? l["Jobs.Name.DocumentJob.Of", l["Reports.Kind." + kind], subject]
            : name;
    }
}
