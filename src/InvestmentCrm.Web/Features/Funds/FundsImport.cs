using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>The lookups a ledger import needs. <see cref="ProjectId"/> gets the trimmed code as typed and answers the
/// project's id when the importing user may manage its funds, else null (a project outside their scope is unknown to
/// them, whether or not it exists). <see cref="Today"/> is the date in the app's time zone.</summary>
public sealed record FundsImportContext(Func<string, long?> ProjectId, DateOnly Today);

/// <summary>One ledger entry of the file, keyed by project, day and kind (see <see cref="FundsInPlace"/>).</summary>
public sealed record FundsFileRow(int Line, string ProjectCode, DateOnly ReceivedOn, decimal AmountWan, string Kind, decimal? AmountUsd, string? Note)
{
    public long ProjectId { get; init; }

    public FundsInput ToInput() => new(ReceivedOn, AmountWan, Kind, AmountUsd, Note);
}

/// <summary>The funds-in-place CSV/XLSX of docs/en/import-formats.md, which the ledger export writes too.</summary>
public static class FundsImport
{
    public static IReadOnlyList<string> Header { get; } = ["project_code", "received_on", "amount_wan", "kind", "amount_usd", "note"];

    public static IReadOnlySet<string> NumericColumns { get; } = new HashSet<string> { "amount_wan", "amount_usd" };

    /// <summary>Which column each of the rules' fields (Domain/Projects/FundsInPlace) is read from.</summary>
    private static readonly Dictionary<string, string> ColumnOf = new(StringComparer.Ordinal)
    {
        ["ReceivedOn"] = "received_on",
        ["AmountWan"] = "amount_wan",
        ["Kind"] = "kind",
        ["AmountUsd"] = "amount_usd",
        ["Note"] = "note",
    };

    /// <summary>The template's rows: a domestic and a foreign entry on 1 January of this year (never in the future) for
    /// the template's own project codes (those of the projects template, which no import ever creates), by which the
    /// import knows them and refuses them.</summary>
    public static TemplateExamples TemplateExamples(DateOnly today) => new("project_code",
    [
        new Dictionary<string, string>
        {
            ["project_code"] = "SAMPLE-001",
            ["received_on"] = $"{today.Year}-01-01",
            ["amount_wan"] = "5000",
            ["kind"] = FundsInPlace.Domestic,
            ["note"] = "示例：首期设备款到位",
        },
        new Dictionary<string, string>
        {
            ["project_code"] = "SAMPLE-002",
            ["received_on"] = $"{today.Year}-01-01",
            ["amount_wan"] = "3550",
            ["kind"] = FundsInPlace.Foreign,
            ["amount_usd"] = "5000000",
            ["note"] = "示例：外方股东注资",
        },
    ]);

    public static ImportResult<FundsFileRow> Validate(TabularReadResult file, FundsImportContext context)
    {
        if (!ImportFields.CheckHeader(file, Header, out var problems))
        {
            return new ImportResult<FundsFileRow>([], ImportFields.InFileOrder(problems));
        }

        var projectId = ImportFields.Memoize(context.ProjectId);
        var firstLineOf = new Dictionary<(long Project, DateOnly Day, string Kind), int>();
        var rows = new List<FundsFileRow>();
        foreach (var row in TemplateExamples(context.Today).Screen(file, problems))
        {
            var f = new FieldReader(row, problems);
            var code = f.Text("project_code", 40, required: true);
            var id = code is null ? null : projectId(code);
            if (code is not null && id is null)
            {
                f.Add("project_code", "Import.Error.UnknownProject", code);
            }

            var day = f.Date("received_on", required: true);
            var amount = f.Decimal("amount_wan", required: true, positive: true);
            var kind = f.Choice("kind", FundsInPlace.Kinds, required: true);
            var usd = f.Decimal("amount_usd", required: false, positive: true);
            var note = f.Text("note", FundsInPlace.NoteMaxLength);
            if (!f.RowOk)
            {
                continue;
            }

            var input = new FundsInput(day, amount, kind!, usd, note);
            foreach (var (field, key, args) in FundsInPlace.Problems(input, context.Today))
            {
                f.Add(ColumnOf[field], key, args);
            }

            if (f.RowOk && !firstLineOf.TryAdd((id!.Value, day!.Value, kind!), row.Line))
            {
                f.Add("received_on", "Import.Error.DuplicateFundsEntry", code!, day.Value.ToString("yyyy-MM-dd"), kind!, firstLineOf[(id.Value, day.Value, kind!)]);
            }

            if (f.RowOk)
            {
                rows.Add(new FundsFileRow(row.Line, code!, day!.Value, amount!.Value, kind!, usd, note) { ProjectId = id!.Value });
            }
        }

        return new ImportResult<FundsFileRow>(rows, ImportFields.InFileOrder(problems));
    }

    public static IReadOnlyList<string?> ToCsvRow(FundsRow row) =>
    [
        row.ProjectCode, ImportFields.Format(row.ReceivedOn), ImportFields.Format(row.AmountWan), row.Kind,
        ImportFields.Format(row.AmountUsd), row.Note,
    ];
}
