using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>/admin/gaps: the gap model's weights and stage probabilities (Admins only), with the top gaps of each
/// chain under the saved settings beside the form, so the effect of a change is seen at once.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SettingsModel(GapSettingsStore store, GapAnalyser analyser, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int TopShown = 5;

    [BindProperty] public SettingsForm Form { get; set; } = new();

    public StoredGapSettings Stored { get; private set; } = null!;
    public IReadOnlyList<ChainGaps> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Stored = await store.LoadAsync(ct);
        Form = SettingsForm.From(Stored);
        Results = await analyser.AnalyseAllAsync(listProjectsFor: null, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (outcome, problems) = await store.SaveAsync(Form.ToSettings(), Form.Version, User.UserId(), ct);
            switch (outcome)
            {
                case SaveOutcome.Created or SaveOutcome.Updated or SaveOutcome.Unchanged:
                    TempData["Flash"] = l[outcome.Wrote() ? "Gaps.Settings.Saved" : "Gaps.Settings.Unchanged"].Value;
                    return RedirectToPage("/Gaps/Settings");
                case SaveOutcome.Conflict:
                    ModelState.AddModelError("", l["Gaps.Settings.Error.Conflict"]);
                    // The next save is checked against what is stored now.
                    ModelState.Remove("Form.Version");
                    Form.Version = (await store.LoadAsync(ct)).Version;
                    break;
                default:
                    foreach (var problem in problems)
                    {
                        ModelState.AddModelError("Form." + SettingsForm.FieldOf(problem.Field), l[problem.Key, problem.Args.Select(Argument).ToArray()]);
                    }

                    break;
            }
        }

        // Re-render with what the Admin typed; the results beside it are still those of the saved settings.
        Stored = await store.LoadAsync(ct);
        Results = await analyser.AnalyseAllAsync(listProjectsFor: null, ct);
        return Page();
    }

    private object Argument(object value) => value is string stage && ProjectStages.Active.Contains(stage) ? GapText.Stage(l, stage) : value;

    public sealed class SettingsForm
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Settings.WeightDemand")]
        public decimal? WeightDemand { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Settings.WeightSupply")]
        public decimal? WeightSupply { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Settings.WeightKey")]
        public decimal? WeightKey { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Settings.WeightStrategic")]
        public decimal? WeightStrategic { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Stage.lead")]
        public decimal? Lead { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Stage.contacted")]
        public decimal? Contacted { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Stage.site_visit")]
        public decimal? SiteVisit { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Stage.negotiation")]
        public decimal? Negotiation { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Stage.signed")]
        public decimal? Signed { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Gaps.Stage.started")]
        public decimal? Started { get; set; }

        [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Gaps.Settings.StrategicCodes")]
        public string? StrategicIndustryCodes { get; set; }

        public int Version { get; set; }

        public static SettingsForm From(StoredGapSettings stored)
        {
            var s = stored.Settings;
            return new SettingsForm
            {
                WeightDemand = s.WeightDemand,
                WeightSupply = s.WeightSupply,
                WeightKey = s.WeightKey,
                WeightStrategic = s.WeightStrategic,
                Lead = s.Probability(ProjectStages.Lead),
                Contacted = s.Probability(ProjectStages.Contacted),
                SiteVisit = s.Probability(ProjectStages.SiteVisit),
                Negotiation = s.Probability(ProjectStages.Negotiation),
                Signed = s.Probability(ProjectStages.Signed),
                Started = s.Probability(ProjectStages.Started),
                StrategicIndustryCodes = string.Join("; ", s.StrategicIndustryCodes),
                Version = stored.Version,
            };
        }

        public GapSettings ToSettings() => new(
            WeightDemand ?? 0,
            WeightSupply ?? 0,
            WeightKey ?? 0,
            WeightStrategic ?? 0,
            new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                [ProjectStages.Lead] = Lead ?? 0,
                [ProjectStages.Contacted] = Contacted ?? 0,
                [ProjectStages.SiteVisit] = SiteVisit ?? 0,
                [ProjectStages.Negotiation] = Negotiation ?? 0,
                [ProjectStages.Signed] = Signed ?? 0,
                [ProjectStages.Started] = Started ?? 0,
            },
            Features.Chains.ChainText.SplitCodes(StrategicIndustryCodes).Distinct(StringComparer.Ordinal).ToList());

        /// <summary>The form field a problem of <see cref="GapSettings.Validate"/> belongs to.</summary>
        public static string FieldOf(string problemField) => problemField switch
        {
            ProjectStages.Lead => nameof(Lead),
            ProjectStages.Contacted => nameof(Contacted),
            ProjectStages.SiteVisit => nameof(SiteVisit),
            ProjectStages.Negotiation => nameof(Negotiation),
            ProjectStages.Signed => nameof(Signed),
            ProjectStages.Started => nameof(Started),
            _ => problemField,
        };
    }
}
