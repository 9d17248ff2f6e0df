namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>The pipeline of a project (the `stage` column of docs/en/import-formats.md): seven stages in order, plus two side states.</summary>
public static class ProjectStages
{
    public const string Lead = "lead";
    public const string Contacted = "contacted";
    public const string SiteVisit = "site_visit";
    public const string Negotiation = "negotiation";
    public const string Signed = "signed";
    public const string Started = "started";
    public const string InProduction = "in_production";
    public const string OnHold = "on_hold";
    public const string Lost = "lost";

    /// <summary>The main line, in order.</summary>
    public static readonly IReadOnlyList<string> Pipeline = [Lead, Contacted, SiteVisit, Negotiation, Signed, Started, InProduction];

    /// <summary>Every stage as the board shows them: the pipeline, then on hold and lost.</summary>
    public static readonly IReadOnlyList<string> All = [.. Pipeline, OnHold, Lost];

    /// <summary>Reached by signing: such a project has a signing date and a contracted investment.</summary>
    public static readonly IReadOnlyList<string> SignedStages = [Signed, Started, InProduction];

    /// <summary>
    /// Still being worked on: a long silence is a warning (三色预警), and the project covers its chain links in the gap
    /// analysis. In production (done), on hold and lost are not. <see cref="ActiveList"/> is the same list for SQL.
    /// </summary>
    public static readonly IReadOnlyList<string> Active = [Lead, Contacted, SiteVisit, Negotiation, Signed, Started];

    /// <summary><see cref="Active"/> as a SQL list, for <c>p.Stage IN </c> + this (a test checks the two agree).</summary>
    public const string ActiveList = "('" + Lead + "', '" + Contacted + "', '" + SiteVisit + "', '" + Negotiation + "', '" + Signed + "', '" + Started + "')";

    /// <summary>
    /// Put aside: on hold or lost. Both need a reason, and their open next steps are not work that is due (my tasks,
    /// the dashboard and the digest leave them out). <see cref="ParkedList"/> is the same list for SQL.
    /// </summary>
    public static readonly IReadOnlyList<string> Parked = [OnHold, Lost];

    /// <summary><see cref="Parked"/> as a SQL list, for <c>p.Stage NOT IN </c> + this.</summary>
    public const string ParkedList = "('" + OnHold + "', '" + Lost + "')";

    public static readonly IReadOnlyList<string> Sources = ["referral", "expo", "agency", "fund", "resident_office", "online", "other"];

    public static readonly IReadOnlyList<string> ActivityKinds = ["call", "visit", "site_inspection", "meeting", "email"];

    /// <summary>1 = high, 2 = normal, 3 = low.</summary>
    public static readonly IReadOnlyList<int> Priorities = [1, 2, 3];

    /// <summary>10000 万元 = 1 亿元, the dashboard's size classes.</summary>
    public const decimal OneYi = 10_000m;

    public static bool IsKnown(string? stage) => stage is not null && All.Contains(stage);

    public static bool IsSigned(string stage) => SignedStages.Contains(stage);

    public static bool IsActive(string stage) => Active.Contains(stage);

    public static bool NeedsReason(string stage) => Parked.Contains(stage);
}
