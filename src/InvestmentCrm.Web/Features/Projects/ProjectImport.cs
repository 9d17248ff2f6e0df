using System.Globalization;
using System.Text.RegularExpressions;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>The lookups a project import needs. <see cref="EnterpriseExists"/> gets an upper-case USCC,
/// <see cref="UserExists"/> the trimmed email as typed (compare it without case). <see cref="Today"/> is the
/// date in the park's time zone.</summary>
public sealed record ProjectImportContext(
    Func<string, bool> IsValidUscc,
    Func<string, bool> EnterpriseExists,
    Func<string, bool> UserExists,
    Func<ChainNodeRef, bool> NodeExists,
    DateOnly Today);

/// <summary>
/// A row of the projects file (docs/en/import-formats.md): as the import reads it (trimmed, empty optional
/// fields null) and as the export writes it, so that importing an export gives the same values back.
/// </summary>
public sealed record ProjectFileRow : ProjectFields
{
    /// <summary>The line it was read from (the header is line 1); 0 for a row read from the database to export.</summary>
    public int Line { get; init; }

    public string Code { get; init; } = "";

    public string EnterpriseUscc { get; init; } = "";

    public string Stage { get; init; } = "";

    public string OwnerEmail { get; init; } = "";

    /// <summary>Null when the file leaves it empty (the import then uses "other").</summary>
    public string? Source { get; init; }

    public IReadOnlyList<ChainNodeRef> TargetNodes { get; init; } = [];

    public DateOnly? SignedOn { get; init; }

    /// <summary>The milestone dates (开工, 投产), kept once like <see cref="SignedOn"/>: an import fills them in when
    /// the project has none and never moves a stored one.</summary>
    public DateOnly? StartedOn { get; init; }

    public DateOnly? InProductionOn { get; init; }
}

/// <summary>The projects CSV/XLSX of docs/en/import-formats.md.</summary>
public static partial class ProjectImport
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "code", "title", "enterprise_uscc", "stage", "owner_email", "planned_investment_wan", "land_mu",
        "expected_output_wan", "expected_tax_wan", "source", "target_nodes", "signed_on", "started_on", "in_production_on",
    ];

    public static IReadOnlySet<string> NumericColumns { get; } =
        new HashSet<string> { "planned_investment_wan", "land_mu", "expected_output_wan", "expected_tax_wan" };

    public static IReadOnlyList<string> Stages => ProjectStages.All;

    /// <summary>Stages reached by signing: they need the signing date and the contracted (planned) investment.</summary>
    public static IReadOnlyList<string> SignedStages => ProjectStages.SignedStages;

    /// <summary>Stages before signing, which cannot have a signing date. On hold and lost may or may not have one.</summary>
    public static IReadOnlyList<string> UnsignedStages { get; } = [.. ProjectStages.Pipeline.TakeWhile(s => !ProjectStages.IsSigned(s))];

    public static IReadOnlyList<string> Sources => ProjectStages.Sources;

    /// <summary>The template's rows: a project in negotiation and a signed one (on 1 January of last year, never in the
    /// future), for demo enterprises, users and nodes, under codes that belong to the template, by which the import
    /// knows them and refuses them.</summary>
    public static TemplateExamples TemplateExamples(DateOnly today) => new("code",
    [
        new Dictionary<string, string>
        {
            ["code"] = "SAMPLE-001",
            ["title"] = "示例：智能吊挂系统扩产项目",
            ["enterprise_uscc"] = "91330110MA25215KAT",
            ["stage"] = "negotiation",
            ["owner_email"] = "staff1@demo.local",
            ["planned_investment_wan"] = "20000",
            ["land_mu"] = "30",
            ["expected_output_wan"] = "50000",
            ["expected_tax_wan"] = "2500",
            ["source"] = "referral",
            ["target_nodes"] = "SEW:HANG",
        },
        new Dictionary<string, string>
        {
            ["code"] = "SAMPLE-002",
            ["title"] = "示例：缝制设备零部件项目",
            ["enterprise_uscc"] = "91331002MA20301K2K",
            ["stage"] = "signed",
            ["owner_email"] = "staff2@demo.local",
            ["planned_investment_wan"] = "8000",
            ["land_mu"] = "15.5",
            ["expected_output_wan"] = "20000",
            ["expected_tax_wan"] = "900",
            ["source"] = "expo",
            ["target_nodes"] = "SEW:PART;SEW:CAST",
            ["signed_on"] = $"{today.Year - 1}-01-01",
        },
    ]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")]
    private static partial Regex CodeShape();

    public static ImportResult<ProjectFileRow> Validate(TabularReadResult file, ProjectImportContext context)
    {
        if (!ImportFields.CheckHeader(file, Header, out var problems))
        {
            return new ImportResult<ProjectFileRow>([], ImportFields.InFileOrder(problems));
        }

        var enterpriseExists = ImportFields.Memoize(context.EnterpriseExists);
        var userExists = ImportFields.Memoize(context.UserExists);
        var nodeExists = ImportFields.Memoize(context.NodeExists);
        var firstLineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<ProjectFileRow>();
        foreach (var row in TemplateExamples(context.Today).Screen(file, problems))
        {
            var f = new FieldReader(row, problems);
            var code = Code(f, firstLineOf, row.Line);
            var title = f.Text("title", 200, required: true);
            var uscc = f.Uscc("enterprise_uscc", context.IsValidUscc);
            if (uscc is not null && !enterpriseExists(uscc))
            {
                f.Add("enterprise_uscc", ImportKeys.UnknownEnterprise, uscc);
            }

            var stage = f.Choice("stage", Stages, required: true);
            var owner = f.Email("owner_email", required: true);
            if (owner is not null && !userExists(owner))
            {
                f.Add("owner_email", ImportKeys.UnknownUser, owner);
            }

            var signed = stage is not null && SignedStages.Contains(stage);
            var planned = f.Decimal("planned_investment_wan", required: false, positive: signed);
            if (signed && planned is null && f.IsEmpty("planned_investment_wan"))
            {
                f.Add("planned_investment_wan", ImportKeys.PlannedInvestmentRequired, stage!);
            }

            var landMu = f.Decimal("land_mu", required: false);
            var output = f.Decimal("expected_output_wan", required: false);
            var tax = f.Decimal("expected_tax_wan", required: false);
            var source = f.Choice("source", Sources, required: false);
            var targetNodes = f.ChainNodes("target_nodes", nodeExists);
            var signedOn = SignedOn(f, stage, signed, context.Today);
            var startedOn = Milestone(f, "started_on", stage, StartedStages, signedOn, "signed_on", context.Today);
            var inProductionOn = Milestone(f, "in_production_on", stage, InProductionStages, startedOn ?? signedOn, startedOn is null ? "signed_on" : "started_on", context.Today);
            if (f.RowOk)
            {
                rows.Add(new ProjectFileRow
                {
                    Line = row.Line,
                    Code = code!,
                    Title = title!,
                    EnterpriseUscc = uscc!,
                    Stage = stage!,
                    OwnerEmail = owner!,
                    PlannedInvestmentWan = planned,
                    LandMu = landMu,
                    ExpectedOutputWan = output,
                    ExpectedTaxWan = tax,
                    Source = source,
                    TargetNodes = targetNodes,
                    SignedOn = signedOn,
                    StartedOn = startedOn,
                    InProductionOn = inProductionOn,
                });
            }
        }

        return new ImportResult<ProjectFileRow>(rows, ImportFields.InFileOrder(problems));
    }

    // Unique in the file without case: SQL Server compares codes without case, so P-1 and p-1 would be one project there.
    private static string? Code(FieldReader f, Dictionary<string, int> firstLineOf, int line)
    {
        var code = f.Text("code", 40, required: true);
        if (code is not null && !CodeShape().IsMatch(code))
        {
            f.Add("code", ImportKeys.BadProjectCode, code);
            return null;
        }

        if (code is not null && !firstLineOf.TryAdd(code, line))
        {
            f.Add("code", ImportKeys.DuplicateProjectCode, code, firstLineOf[code]);
        }

        return code;
    }

    // Signed stages need the date; it cannot be in the future, nor given before signing.
    private static DateOnly? SignedOn(FieldReader f, string? stage, bool signed, DateOnly today)
    {
        var signedOn = f.Date("signed_on", required: false);
        if (signed && signedOn is null && f.IsEmpty("signed_on"))
        {
            f.Add("signed_on", ImportKeys.SignedOnRequired, stage!);
        }
        else if (signedOn is { } date && date > today)
        {
            f.Add("signed_on", ImportKeys.DateInFuture, "signed_on", f.Raw("signed_on"), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else if (signedOn is not null && stage is not null && UnsignedStages.Contains(stage))
        {
            f.Add("signed_on", ImportKeys.SignedOnNotAllowed, stage);
        }

        return signedOn;
    }

    /// <summary>Stages that may carry a start date: started and later, and the side states (a project on hold may have started).</summary>
    private static readonly IReadOnlyList<string> StartedStages =
        [ProjectStages.Started, ProjectStages.InProduction, ProjectStages.OnHold, ProjectStages.Lost];

    private static readonly IReadOnlyList<string> InProductionStages = [ProjectStages.InProduction, ProjectStages.OnHold, ProjectStages.Lost];

    // A milestone date is optional; never in the future, only at a stage that reached it, not before the step before it.
    private static DateOnly? Milestone(FieldReader f, string column, string? stage, IReadOnlyList<string> stages, DateOnly? earliest, string earliestColumn, DateOnly today)
    {
        var day = f.Date(column, required: false);
        if (day is not { } date)
        {
            return null;
        }

        if (date > today)
        {
            f.Add(column, ImportKeys.DateInFuture, column, f.Raw(column), today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else if (stage is not null && !stages.Contains(stage))
        {
            f.Add(column, "Import.Error.MilestoneNotAllowed", column, stage);
        }
        else if (earliest is { } before && date < before)
        {
            f.Add(column, "Import.Error.MilestoneTooEarly", column, earliestColumn);
        }

        return day;
    }

    public static IReadOnlyList<string?> ToCsvRow(ProjectFileRow row) =>
    [
        row.Code, row.Title, row.EnterpriseUscc, row.Stage, row.OwnerEmail,
        ImportFields.Format(row.PlannedInvestmentWan), ImportFields.Format(row.LandMu),
        ImportFields.Format(row.ExpectedOutputWan), ImportFields.Format(row.ExpectedTaxWan),
        row.Source, ImportFields.Format(row.TargetNodes), ImportFields.Format(row.SignedOn),
        ImportFields.Format(row.StartedOn), ImportFields.Format(row.InProductionOn),
    ];
}
