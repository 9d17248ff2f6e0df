using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Projects;

public sealed record Option(long Id, string Name);

public sealed record NodeOption(long Id, string ChainCode, string ChainName, string? ChainNameEn, string NodeCode, string Name, string? NameEn)
{
    public string Ref => ChainCode + ":" + NodeCode;
}

/// <summary>The choices the project pages offer (owners, teams; enterprises and chain nodes are picked by search, Features/Pickers), today in the park's time zone and 三色预警.</summary>
public sealed class ProjectLookups(IDb db, TimeProvider clock, IOptions<AppOptions> app, IOptions<ProjectOptions> options)
{
    private readonly TimeZoneInfo zone = app.Value.FindTimeZone();

    public ProjectOptions Options => options.Value;

    public DateOnly Today => LocalTime.Today(clock, zone);

    /// <summary>三色预警 of a project today, from its stored last activity or, before any, its creation.</summary>
    public HealthColor Health(string stage, DateOnly? lastActivityOn, DateTime createdAtUtc) =>
        ProjectHealth.Of(stage, LastActivity.Of(lastActivityOn, createdAtUtc, zone), Today, Options);

    /// <summary>The parameters of <see cref="ProjectHealth"/>'s SQL filters on <paramref name="today"/>.</summary>
    public QuietCutoffs Cutoffs(DateOnly today) => QuietCutoffs.On(today, Options, zone);

    public Task<IReadOnlyList<Option>> OwnersAsync(CancellationToken ct) => db.QueryAsync<Option>(Sql.Owners, ct: ct);

    /// <summary>The owners the creator may give a new project (<see cref="ProjectScope.MayAssign"/>); null when the
    /// creator owns it (Staff).</summary>
    public async Task<IReadOnlyList<Option>?> OwnerChoicesAsync(ProjectScope scope, CancellationToken ct)
    {
        if (!scope.ChoosesOwner)
        {
            return null;
        }

        var users = await db.QueryAsync<OwnerRow>(Sql.OwnersWithRole, ct: ct);
        return [.. users.Where(u => scope.MayAssign(u.Id, u.IsStaff)).Select(u => new Option(u.Id, u.Name))];
    }

    public Task<IReadOnlyList<Option>> TeamsAsync(CancellationToken ct) => db.QueryAsync<Option>(Sql.Teams, ct: ct);

    /// <summary>Whether the registry holds any enterprise (a project needs one); the form picks it by search.</summary>
    public async Task<bool> AnyEnterpriseAsync(CancellationToken ct) => await db.ExecuteScalarAsync<long?>(Sql.AnyEnterprise, ct: ct) is not null;

    public static string Name(string name, string? nameEn) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : name;

    private sealed class OwnerRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public bool IsStaff { get; set; }
    }

    internal static class Sql
    {
        // Anyone may own a project; Staff are the usual owners, and disabled users are not offered.
        public const string Owners = """
            SELECT u.Id, u.DisplayName AS Name
            FROM Users u
            WHERE u.IsDisabled = 0
            ORDER BY u.DisplayName, u.Id
            """;

        public const string OwnersWithRole = """
            SELECT u.Id, u.DisplayName AS Name,
                   CASE WHEN EXISTS (SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId
                                     WHERE ur.UserId = u.Id AND r.NormalizedName = 'STAFF') THEN 1 ELSE 0 END AS IsStaff
            FROM Users u
            WHERE u.IsDisabled = 0
            ORDER BY u.DisplayName, u.Id
            """;

        public const string Teams = "SELECT Id, Name FROM Teams ORDER BY Name";

        public const string AnyEnterprise = "SELECT MIN(Id) FROM Enterprises";
    }
}
