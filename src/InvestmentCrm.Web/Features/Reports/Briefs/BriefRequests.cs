using System.Globalization;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Reports.Briefs;

/// <summary>
/// Asks for a project's prospect brief: the project page's "generate brief" button, and the stage-change hook
/// (a project entering site_visit or negotiation gets a brief for the visit). The brief is made by a job and
/// stored in Documents; the project page lists it (Features/Reports/_ProjectBriefs.cshtml).
/// </summary>
public sealed class BriefRequests(Documents documents, IDb db, ILogger<BriefRequests> logger)
{
    /// <summary>Stages whose entry generates a brief by itself.</summary>
    public static readonly IReadOnlyList<string> AutomaticStages = ["site_visit", "negotiation"];

    public const string ByUser = DocumentTriggers.User;

    /// <summary>
    /// Queues a brief of the project in the current UI language; <paramref name="trigger"/> is <c>user</c>,
    /// <c>stage:site_visit</c>, <c>cli</c>, …. Returns the request key, or null when no project has the code.
    /// </summary>
    public async Task<string?> RequestAsync(string projectCode, long? userId, string trigger, CancellationToken ct = default)
    {
        var code = projectCode.Trim();
        if (await db.ExecuteScalarAsync<long>(Sql.ProjectExists, new { Code = code }, ct) == 0)
        {
            return null;
        }

        return await documents.RequestAsync(DocumentKinds.Brief, code, CultureInfo.CurrentUICulture.Name, userId, trigger, ct);
    }

    /// <summary>
    /// Call after a project's stage changed: queues a brief when it entered site_visit or negotiation. The move is
    /// already saved, so a failure to queue is logged rather than thrown.
    /// </summary>
    public async Task<string?> OnStageChangedAsync(string projectCode, string toStage, long? userId, CancellationToken ct = default)
    {
        if (!AutomaticStages.Contains(toStage))
        {
            return null;
        }

        try
        {
            return await RequestAsync(projectCode, userId, DocumentTriggers.Stage(toStage), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not queue the brief of {Project} after its move to {Stage}", projectCode, toStage);
            return null;
        }
    }

    internal static class Sql
    {
        public const string ProjectExists = "SELECT COUNT(*) FROM Projects WHERE Code = @Code";
    }
}
