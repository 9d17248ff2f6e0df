namespace InvestmentCrm.Web.Features.Reports;

/// <summary>A stored PDF as the report list and a project's briefs show it.</summary>
public sealed class DocumentRow
{
    public long Id { get; set; }
    public string Kind { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Culture { get; set; } = string.Empty;
    public long SizeBytes { get; set; }
    public DateTime GeneratedAtUtc { get; set; }
    public string TriggeredBy { get; set; } = string.Empty;
    public string? GeneratedBy { get; set; }
}
