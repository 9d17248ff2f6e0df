using Hangfire.Client;
using Hangfire.Common;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Stores who caused a job (the signed-in user of the request that created it: a "generate" button, a stage move,
/// "trigger now" on the dashboard) as the job parameter <see cref="Parameter"/>, which the dashboard shows on the
/// job's page. Jobs created by the recurring scheduler or the command line have none.
/// </summary>
public sealed class TriggeredByFilter(IHttpContextAccessor http) : JobFilterAttribute, IClientFilter
{
    public const string Parameter = "TriggeredBy";

    public void OnCreating(CreatingContext context)
    {
        if (http.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            context.SetJobParameter(Parameter, name);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }
}
