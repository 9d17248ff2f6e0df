namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>A contact person of an enterprise (several per enterprise; the first is the primary one).</summary>
public sealed record EnterpriseContact(string Name, string? Title, string? Phone, string? Email);

/// <summary>An enterprise as the create and edit pages save it: every field, its contacts in order and its chain nodes.</summary>
public sealed record EnterpriseRecord(
    string Uscc,
    string Name,
    string Kind,
    string? Province,
    string? City,
    string? District,
    string? IndustryCode,
    decimal? RegisteredCapitalWan,
    decimal? AnnualRevenueWan,
    int? Employees,
    string? MainProducts,
    string? Website,
    long? ParkId,
    IReadOnlyList<string> Qualifications,
    IReadOnlyList<long> NodeIds,
    IReadOnlyList<EnterpriseContact> Contacts);
