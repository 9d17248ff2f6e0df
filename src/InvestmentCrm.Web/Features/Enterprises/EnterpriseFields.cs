using System.Text.RegularExpressions;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// The twelve columns of an enterprise, in the same names and types wherever they travel: the create and edit pages
/// save them (<see cref="EnterpriseRecord"/>), the file imports and exports them (<see cref="EnterpriseFileRow"/>), the
/// detail page and the brief show them. A shape that carries more derives from this one and takes these twelve from
/// any other shape through its <c>(EnterpriseFields fields)</c> constructor, so no shape copies them field by field.
/// </summary>
public partial record EnterpriseFields
{
    public string Uscc { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>One of <see cref="EnterpriseImport.Kinds"/>.</summary>
    public string Kind { get; init; } = "";

    public string? Province { get; init; }

    public string? City { get; init; }

    public string? District { get; init; }

    /// <summary>GB/T 4754-2017, see <see cref="IsIndustryCode"/>.</summary>
    public string? IndustryCode { get; init; }

    public decimal? RegisteredCapitalWan { get; init; }

    public decimal? AnnualRevenueWan { get; init; }

    public int? Employees { get; init; }

    public string? MainProducts { get; init; }

    /// <summary>Kept as typed (with or without http://), see <see cref="IsWebsite"/>.</summary>
    public string? Website { get; init; }

    /// <summary>True when both carry the same twelve values, whatever else their shapes carry.</summary>
    public bool SameFieldsAs(EnterpriseFields other) => new EnterpriseFields(this) == new EnterpriseFields(other);

    /// <summary>The twelve values by column name, for the audit log's before/after comparison.</summary>
    public Dictionary<string, object?> AuditFields() => new(StringComparer.Ordinal)
    {
        ["Uscc"] = Uscc,
        ["Name"] = Name,
        ["Kind"] = Kind,
        ["Province"] = Province,
        ["City"] = City,
        ["District"] = District,
        ["IndustryCode"] = IndustryCode,
        ["RegisteredCapitalWan"] = RegisteredCapitalWan,
        ["AnnualRevenueWan"] = AnnualRevenueWan,
        ["Employees"] = Employees,
        ["MainProducts"] = MainProducts,
        ["Website"] = Website,
    };

    /// <summary>A GB/T 4754-2017 code: a section letter A–T, or a 2-, 3- or 4-digit division, group or class,
    /// optionally after its section letter (upper case).</summary>
    public static bool IsIndustryCode(string value) => IndustryCodeShape().IsMatch(value);

    /// <summary>Only the shape of a web address is checked: http or https (added when missing), a host with a dot, no spaces.</summary>
    public static bool IsWebsite(string value)
    {
        var withScheme = value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
        return !value.Any(char.IsWhiteSpace)
            && Uri.TryCreate(withScheme, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Contains('.', StringComparison.Ordinal);
    }

    [GeneratedRegex("^(?:[A-T]|[A-T]?[0-9]{2,4})$")]
    private static partial Regex IndustryCodeShape();
}

/// <summary>A contact person of an enterprise (several per enterprise; the first is the primary one).</summary>
public sealed record EnterpriseContact(string Name, string? Title, string? Phone, string? Email);

/// <summary>An enterprise as the create and edit pages save it: every field, its contacts in order and its chain nodes.</summary>
public sealed record EnterpriseRecord : EnterpriseFields
{
    public EnterpriseRecord()
    {
    }

    public EnterpriseRecord(EnterpriseFields fields)
        : base(fields)
    {
    }

    public long? ParkId { get; init; }

    public IReadOnlyList<string> Qualifications { get; init; } = [];

    public IReadOnlyList<long> NodeIds { get; init; } = [];

    public IReadOnlyList<EnterpriseContact> Contacts { get; init; } = [];

    /// <summary>The record flattened for the audit log's before/after comparison.</summary>
    public Dictionary<string, object?> AuditView()
    {
        var view = AuditFields();
        view["ParkId"] = ParkId;
        view["Qualifications"] = string.Join(";", Qualifications);
        view["NodeIds"] = string.Join(";", NodeIds.Order());
        view["Contacts"] = string.Join(" | ", Contacts.Select(c => $"{c.Name}, {c.Title}, {c.Phone}, {c.Email}"));
        return view;
    }
}
