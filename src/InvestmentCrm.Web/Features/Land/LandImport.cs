using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>The lookups a land-efficiency import needs. <see cref="EnterpriseKind"/> gets an upper-case USCC and
/// returns "local" or "prospect", or null for an enterprise not in the registry.</summary>
public sealed record LandImportContext(Func<string, bool> IsValidUscc, Func<string, string?> EnterpriseKind, DateOnly Today);

/// <summary>One enterprise-year of 亩均效益 data: land in 亩, money in 万元, energy in tonnes of standard coal.</summary>
public sealed record LandImportRow(
    int Line,
    string Uscc,
    int Year,
    decimal LandMu,
    decimal OutputWan,
    decimal TaxWan,
    decimal? InvestmentWan,
    int? Employees,
    decimal? RdWan,
    decimal? EnergyTce)
{
    /// <summary>The row's figures for the registry's enterprise with this USCC.</summary>
    public LandFigures Figures(long enterpriseId) => new(enterpriseId, LandMu, OutputWan, TaxWan, InvestmentWan, Employees, RdWan, EnergyTce);
}

/// <summary>The land-efficiency CSV/XLSX of docs/en/import-formats.md.</summary>
public static class LandImport
{
    public const int FirstYear = 2000;

    public static IReadOnlyList<string> Header { get; } =
        ["uscc", "year", "land_mu", "output_wan", "tax_wan", "investment_wan", "employees", "rd_wan", "energy_tce"];

    public static IReadOnlySet<string> NumericColumns { get; } =
        new HashSet<string> { "year", "land_mu", "output_wan", "tax_wan", "investment_wan", "employees", "rd_wan", "energy_tce" };

    /// <summary>The template's rows: last year's records of two local enterprises under USCCs made up for the template
    /// (valid, and no real company's), by which the import knows them and refuses them. They once named two demo
    /// enterprises, and an unchanged template overwrote their real records.</summary>
    public static TemplateExamples TemplateExamples(DateOnly today) => new("uscc",
    [
        new Dictionary<string, string>
        {
            ["uscc"] = Uscc.MakeValid("91331002MA2TPL03K"),
            ["year"] = (today.Year - 1).ToString(CultureInfo.InvariantCulture),
            ["land_mu"] = "552",
            ["output_wan"] = "380000",
            ["tax_wan"] = "14548",
            ["investment_wan"] = "97207",
            ["employees"] = "4200",
            ["rd_wan"] = "10577",
            ["energy_tce"] = "4512",
        },
        new Dictionary<string, string>
        {
            ["uscc"] = Uscc.MakeValid("91331002MA2TPL04K"),
            ["year"] = (today.Year - 1).ToString(CultureInfo.InvariantCulture),
            ["land_mu"] = "183.5",
            ["output_wan"] = "150000",
            ["tax_wan"] = "4100",
        },
    ]);

    public static ImportResult<LandImportRow> Validate(TabularReadResult file, LandImportContext context)
    {
        if (!ImportFields.CheckHeader(file, Header, out var problems))
        {
            return new ImportResult<LandImportRow>([], ImportFields.InFileOrder(problems));
        }

        var kindOf = ImportFields.Memoize(context.EnterpriseKind);
        var firstLineOf = new Dictionary<(string Uscc, int Year), int>();
        var rows = new List<LandImportRow>();
        foreach (var row in TemplateExamples(context.Today).Screen(file, problems))
        {
            var f = new FieldReader(row, problems);
            var uscc = f.Uscc("uscc", context.IsValidUscc);
            if (uscc is not null)
            {
                var kind = kindOf(uscc);
                if (kind is null)
                {
                    f.Add("uscc", ImportKeys.UnknownEnterprise, uscc);
                }
                else if (kind != "local")
                {
                    f.Add("uscc", ImportKeys.NotLocalEnterprise, uscc);
                }
            }

            var year = f.Integer("year", required: true);
            if (year is < FirstYear || year > context.Today.Year)
            {
                f.Add("year", ImportKeys.YearOutOfRange, f.Raw("year"), FirstYear, context.Today.Year);
                year = null;
            }

            if (uscc is not null && year is { } y && !firstLineOf.TryAdd((uscc, y), row.Line))
            {
                f.Add("year", ImportKeys.DuplicateLandRecord, uscc, y, firstLineOf[(uscc, y)]);
            }

            var landMu = f.Decimal("land_mu", required: true, positive: true);
            var output = f.Decimal("output_wan", required: true);
            var tax = f.Decimal("tax_wan", required: true);
            var investment = f.Decimal("investment_wan", required: false);
            var employees = f.Integer("employees", required: false);
            var rd = f.Decimal("rd_wan", required: false);
            var energy = f.Decimal("energy_tce", required: false);
            if (f.RowOk)
            {
                rows.Add(new LandImportRow(row.Line, uscc!, year!.Value, landMu!.Value, output!.Value, tax!.Value, investment, employees, rd, energy));
            }
        }

        return new ImportResult<LandImportRow>(rows, ImportFields.InFileOrder(problems));
    }
}
