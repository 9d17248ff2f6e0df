using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>The database lookups an enterprise import needs; the caller plugs in <c>Uscc.IsValid</c> and a node lookup.</summary>
public sealed record EnterpriseImportContext(Func<string, bool> IsValidUscc, Func<ChainNodeRef, bool> NodeExists);

/// <summary>
/// A row of the enterprises file (docs/en/import-formats.md): as the import reads it (trimmed, empty optional
/// fields null, USCC upper-case) and as the export writes it, so that importing an export gives the same values back.
/// </summary>
public sealed record EnterpriseFileRow : EnterpriseFields
{
    public EnterpriseFileRow()
    {
    }

    public EnterpriseFileRow(EnterpriseFields fields)
        : base(fields)
    {
    }

    /// <summary>The line it was read from (the header is line 1); 0 for a row read from the database to export.</summary>
    public int Line { get; init; }

    public IReadOnlyList<string> Qualifications { get; init; } = [];

    public IReadOnlyList<ChainNodeRef> ChainNodes { get; init; } = [];

    /// <summary>The file's one contact (the enterprise's first); null when the row names none.</summary>
    public EnterpriseContact? Contact { get; init; }
}

/// <summary>The enterprises CSV/XLSX of docs/en/import-formats.md.</summary>
public static class EnterpriseImport
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "uscc", "name", "kind", "province", "city", "district", "industry_code", "registered_capital_wan",
        "annual_revenue_wan", "employees", "qualifications", "chain_nodes", "main_products", "contact_name",
        "contact_title", "contact_phone", "contact_email", "website",
    ];

    public static IReadOnlySet<string> NumericColumns { get; } =
        new HashSet<string> { "registered_capital_wan", "annual_revenue_wan", "employees" };

    public static IReadOnlyList<string> Kinds { get; } = ["local", "prospect"];

    public static IReadOnlyList<string> Qualifications { get; } = ["high_tech", "srdi", "little_giant", "single_champion", "listed"];

    /// <summary>The template's rows: a local enterprise and a prospect on the demo chain, under USCCs made up for the
    /// template (valid, and no real company's), by which the import knows them and refuses them.</summary>
    public static TemplateExamples TemplateExamples { get; } = new("uscc",
    [
        new Dictionary<string, string>
        {
            ["uscc"] = Uscc.MakeValid("91331002MA2TPL01K"),
            ["name"] = "示例缝制设备（台州）有限公司",
            ["kind"] = "local",
            ["province"] = "浙江省",
            ["city"] = "台州市",
            ["district"] = "椒江区",
            ["industry_code"] = "3553",
            ["registered_capital_wan"] = "5000",
            ["annual_revenue_wan"] = "20000",
            ["employees"] = "300",
            ["qualifications"] = "high_tech;srdi",
            ["chain_nodes"] = "SEW:INDSEW;SEW:SPECIAL",
            ["main_products"] = "工业平缝机;自动模板机",
            ["contact_name"] = "张明",
            ["contact_title"] = "总经理",
            ["contact_phone"] = "0576-88000001",
            ["contact_email"] = "zhang.ming@example.com",
            ["website"] = "https://example.com",
        },
        new Dictionary<string, string>
        {
            ["uscc"] = Uscc.MakeValid("91320509MA2TPL02K"),
            ["name"] = "示例智能吊挂（苏州）有限公司",
            ["kind"] = "prospect",
            ["province"] = "江苏省",
            ["city"] = "苏州市",
            ["chain_nodes"] = "SEW:HANG",
            ["main_products"] = "智能吊挂系统",
        },
    ]);

    public static ImportResult<EnterpriseFileRow> Validate(TabularReadResult file, EnterpriseImportContext context)
    {
        if (!ImportFields.CheckHeader(file, Header, out var problems))
        {
            return new ImportResult<EnterpriseFileRow>([], ImportFields.InFileOrder(problems));
        }

        var nodeExists = ImportFields.Memoize(context.NodeExists);
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<EnterpriseFileRow>();
        foreach (var row in TemplateExamples.Screen(file, problems))
        {
            var f = new FieldReader(row, problems);
            var uscc = f.Uscc("uscc", context.IsValidUscc);
            if (uscc is not null && !firstLineOf.TryAdd(uscc, row.Line))
            {
                f.Add("uscc", ImportKeys.DuplicateUscc, uscc, firstLineOf[uscc]);
            }

            var name = f.Text("name", 200, required: true);
            var kind = f.Choice("kind", Kinds, required: true);
            var province = f.Text("province", 50);
            var city = f.Text("city", 50);
            var district = f.Text("district", 50);
            var industryCode = IndustryCode(f);
            var registeredCapital = f.Decimal("registered_capital_wan", required: false);
            var annualRevenue = f.Decimal("annual_revenue_wan", required: false);
            var employees = f.Integer("employees", required: false);
            var qualifications = QualificationList(f);
            var chainNodes = f.ChainNodes("chain_nodes", nodeExists);
            var mainProducts = f.Text("main_products", 1000);
            var contactName = f.Text("contact_name", 100);
            var contactTitle = f.Text("contact_title", 100);
            var contactPhone = f.Text("contact_phone", 50);
            var contactEmail = f.Email("contact_email", required: false);
            if (f.IsEmpty("contact_name") && !(f.IsEmpty("contact_title") && f.IsEmpty("contact_phone") && f.IsEmpty("contact_email")))
            {
                f.Add("contact_name", ImportKeys.ContactNameRequired);
            }

            var website = Website(f);
            if (f.RowOk)
            {
                rows.Add(new EnterpriseFileRow
                {
                    Line = row.Line,
                    Uscc = uscc!,
                    Name = name!,
                    Kind = kind!,
                    Province = province,
                    City = city,
                    District = district,
                    IndustryCode = industryCode,
                    RegisteredCapitalWan = registeredCapital,
                    AnnualRevenueWan = annualRevenue,
                    Employees = employees,
                    Qualifications = qualifications,
                    ChainNodes = chainNodes,
                    MainProducts = mainProducts,
                    Contact = contactName is null ? null : new EnterpriseContact(contactName, contactTitle, contactPhone, contactEmail),
                    Website = website,
                });
            }
        }

        return new ImportResult<EnterpriseFileRow>(rows, ImportFields.InFileOrder(problems));
    }

    /// <summary>The values in <see cref="Header"/> order, for <see cref="TabularFile.WriteCsv"/> or <see cref="TabularFile.WriteXlsx"/>.</summary>
    public static IReadOnlyList<string?> ToCsvRow(EnterpriseFileRow row) =>
    [
        row.Uscc, row.Name, row.Kind, row.Province, row.City, row.District, row.IndustryCode,
        ImportFields.Format(row.RegisteredCapitalWan), ImportFields.Format(row.AnnualRevenueWan), ImportFields.Format(row.Employees),
        ImportFields.Format(row.Qualifications), ImportFields.Format(row.ChainNodes), row.MainProducts,
        row.Contact?.Name, row.Contact?.Title, row.Contact?.Phone, row.Contact?.Email, row.Website,
    ];

    private static string? IndustryCode(FieldReader f)
    {
        var value = f.Text("industry_code", 10)?.ToUpperInvariant();
        if (value is not null && !EnterpriseFields.IsIndustryCode(value))
        {
            f.Add("industry_code", ImportKeys.BadIndustryCode, value);
            return null;
        }

        return value;
    }

    private static List<string> QualificationList(FieldReader f)
    {
        var result = new List<string>();
        foreach (var item in ImportFields.SplitList(f.Raw("qualifications")))
        {
            var match = Qualifications.FirstOrDefault(known => string.Equals(known, item, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                f.Add("qualifications", ImportKeys.UnknownQualification, item, string.Join(", ", Qualifications));
            }
            else if (!result.Contains(match))
            {
                result.Add(match);
            }
        }

        return result;
    }

    private static string? Website(FieldReader f)
    {
        var value = f.Text("website", 300);
        if (value is not null && !EnterpriseFields.IsWebsite(value))
        {
            f.Add("website", ImportKeys.BadWebsite, "website", value);
            return null;
        }

        return value;
    }
}
