using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>What the create and edit pages share: the form, its choices, and the save with its checks
/// (duplicate USCC refused with a link, near-duplicate names confirmed first, stale edits refused with the input kept).</summary>
public abstract class EnterpriseFormPage(IDb db, EnterpriseWriter writer, IStringLocalizer l) : PageModel
{
    [BindProperty]
    public EnterpriseForm Form { get; set; } = new();

    public IReadOnlyList<ParkChoice> Parks { get; private set; } = [];
    /// <summary>The ticked chain nodes, with their names (a chain may hold thousands; the rest are searched).</summary>
    public IReadOnlyList<NodeOption> ChosenNodes { get; private set; } = [];

    /// <summary>Enterprises whose names look the same; the user must confirm before saving.</summary>
    public IReadOnlyList<SimilarEnterprise> Similar { get; private set; } = [];

    /// <summary>The enterprise that already has the USCC typed.</summary>
    public SimilarEnterprise? DuplicateOf { get; private set; }

    /// <summary>Null on the create page.</summary>
    public long? EnterpriseId { get; protected set; }

    /// <summary>The edit page's stored name key: a name that keeps it was confirmed (or unique) before and is not asked again.</summary>
    protected string? StoredNameKey { get; set; }

    protected IDb Db => db;

    protected EnterpriseWriter Writer => writer;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        Parks = await db.QueryAsync<ParkChoice>(EnterpriseForm.Sql.Parks, ct: ct);
        ChosenNodes = await Pickers.NodeChoices.ByIdsAsync(db, Form.NodeIds, ct);
    }

    /// <summary>Checks the form and saves it through <paramref name="save"/>; null when the page must be shown again.</summary>
    protected async Task<EnterpriseSaveResult?> SaveAsync(Func<EnterpriseRecord, Task<EnterpriseSaveResult>> save, CancellationToken ct)
    {
        var record = await Form.CheckAsync(ModelState, l, db, ct);
        await LoadChoicesAsync(ct);
        if (record is null)
        {
            return null;
        }

        var nameKey = EnterpriseName.Key(record.Name);
        Similar = nameKey == StoredNameKey
            ? []
            : await NearDuplicates.FindAsync(db, nameKey, EnterpriseId ?? 0, ct);
        if (Similar.Count > 0 && !Form.ConfirmNearDuplicate)
        {
            ModelState.AddModelError("Form.Name", l["Enterprises.NearDuplicate.Warning"]);
            return null;
        }

        var result = await save(record);
        switch (result.Outcome)
        {
            case SaveOutcome.Rejected:
                if (result.ExistingName is { } existing)
                {
                    DuplicateOf = new SimilarEnterprise(result.Id, existing, record.Uscc);
                }

                foreach (var problem in result.Problems ?? [])
                {
                    ModelState.AddModelError("Form." + problem.Field, l[problem.Key, problem.Args]);
                }

                return null;
            case SaveOutcome.Conflict:
                // The input stays; the form now carries the version just read, so saving again overwrites knowingly.
                ModelState.AddModelError(string.Empty, l["Common.ConcurrencyConflict"]);
                if (await Writer.LoadAsync(result.Id, ct) is { } current)
                {
                    ModelState.Remove("Form.Version");
                    Form.Version = current.Version;
                }

                return null;
            default:
                return result;
        }
    }
}
