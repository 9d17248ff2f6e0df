using System.Globalization;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Dashboard;

/// <summary>/admin/targets: the annual signed-investment target and funds-in-place target (万元) of the whole bureau
/// and of each team, per year; the dashboard measures signings and funds in place against them. An empty field
/// removes that target.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class TargetsModel(IDb db, AuditLog audit, ProjectLookups lookups, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty] public List<TargetInput> Targets { get; set; } = [];

    public IReadOnlyList<Option> Teams { get; private set; } = [];

    public int ShownYear { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var existing = await db.QueryAsync<TargetRow>(Sql.ForYear, new { Year = ShownYear }, ct);
        Targets = [.. new long?[] { null }.Concat(Teams.Select(t => (long?)t.Id))
            .Select(team => existing.FirstOrDefault(e => e.TeamId == team) is { } row
                ? new TargetInput { TeamId = team, TargetWan = row.TargetWan, FundsTargetWan = row.FundsTargetWan }
                : new TargetInput { TeamId = team })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        for (var i = 0; i < Targets.Count; i++)
        {
            if (Targets[i].TargetWan is < 0)
            {
                ModelState.AddModelError($"Targets[{i}].TargetWan", l["Targets.Error.Negative"]);
            }

            if (Targets[i].FundsTargetWan is < 0)
            {
                ModelState.AddModelError($"Targets[{i}].FundsTargetWan", l["Targets.Error.Negative"]);
            }

            if (Targets[i].TeamId is { } team && Teams.All(t => t.Id != team))
            {
                ModelState.AddModelError(string.Empty, l["Targets.Error.UnknownTeam"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.InTransactionAsync(async session =>
        {
            foreach (var target in Targets)
            {
                var old = await session.QuerySingleOrDefaultAsync<TargetRow>(Sql.Find, new { Year = ShownYear, target.TeamId });
                var changes = AuditLog.Diff(
                    new Dictionary<string, object?> { ["TargetWan"] = old?.TargetWan, ["FundsTargetWan"] = old?.FundsTargetWan },
                    new Dictionary<string, object?> { ["TargetWan"] = target.TargetWan, ["FundsTargetWan"] = target.FundsTargetWan });
                if (changes.Count == 0)
                {
                    continue;
                }

                // A row holds both targets of a team and year; it goes when neither is set.
                if (target.TargetWan is null && target.FundsTargetWan is null)
                {
                    await session.ExecuteAsync(Sql.Delete, new { old!.Id });
                }
                else if (old is null)
                {
                    await session.ExecuteAsync(Sql.Insert, new { Year = ShownYear, target.TeamId, target.TargetWan, target.FundsTargetWan, Now = now });
                }
                else
                {
                    await session.ExecuteAsync(Sql.Update, new { old.Id, target.TargetWan, target.FundsTargetWan, Now = now });
                }

                await audit.WriteAsync(session, "TeamTarget", $"{ShownYear}/{target.TeamId?.ToString(CultureInfo.InvariantCulture) ?? "all"}", "update", changes);
            }

            return 0;
        }, ct);
        TempData["Flash"] = l["Targets.Saved", ShownYear].Value;
        return RedirectToPage("/Dashboard/Targets", new { year = ShownYear });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        ShownYear = Year ?? lookups.Today.Year;
        Teams = await lookups.TeamsAsync(ct);
        return ShownYear is >= FirstYear and <= LastYear;
    }

    public sealed class TargetInput
    {
        public long? TeamId { get; set; }
        public decimal? TargetWan { get; set; }
        public decimal? FundsTargetWan { get; set; }
    }

    public sealed class TargetRow
    {
        public long Id { get; set; }
        public long? TeamId { get; set; }
        public decimal? TargetWan { get; set; }
        public decimal? FundsTargetWan { get; set; }
    }

    internal static class Sql
    {
        public const string ForYear = "SELECT Id, TeamId, TargetWan, FundsTargetWan FROM TeamTargets WHERE Year = @Year";

        public const string Find = """
            SELECT Id, TeamId, TargetWan, FundsTargetWan FROM TeamTargets
            WHERE Year = @Year AND (TeamId = @TeamId OR (TeamId IS NULL AND @TeamId IS NULL))
            """;

        public const string Insert = """
            INSERT INTO TeamTargets (Year, TeamId, TargetWan, FundsTargetWan, UpdatedAtUtc) VALUES (@Year, @TeamId, @TargetWan, @FundsTargetWan, @Now)
            """;

        public const string Update = "UPDATE TeamTargets SET TargetWan = @TargetWan, FundsTargetWan = @FundsTargetWan, UpdatedAtUtc = @Now WHERE Id = @Id";

        public const string Delete = "DELETE FROM TeamTargets WHERE Id = @Id";
    }
}
