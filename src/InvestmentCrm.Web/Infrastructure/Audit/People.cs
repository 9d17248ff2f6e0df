using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Audit;

/// <summary>Someone as the pages show them: a user's display name (their e-mail kept for Admins' tooltips), or
/// the command line, the demo loader, a job… as a word in the reader's language.</summary>
public sealed record Person(string Name, string? Email)
{
    public bool IsUser => Email is not null;
}

/// <summary>
/// Shows people by name wherever a page names who did something. The log and some tables keep who it was as text
/// (an e-mail, or "cli", "demo", "report"…: <see cref="AuditLog.SystemActor"/>, gap snapshots' TakenBy) or as a
/// user id; this turns either into a <see cref="Person"/>. The users are read once per request.
/// </summary>
public sealed class People(IDb db, IStringLocalizer<SharedResource> l)
{
    /// <summary>The resource-key prefix of the words for actors that are not users ("Audit.Actor.cli").</summary>
    public const string SystemActorKey = "Audit.Actor.";

    private Dictionary<long, UserRow>? byId;
    private Dictionary<string, UserRow>? byEmail;

    /// <summary>The actor of an audit entry: the user when there is one, else the recorded name.</summary>
    public async Task<Person> ActorAsync(long? userId, string? name, CancellationToken ct = default)
    {
        await LoadAsync(ct);
        return userId is { } id && byId!.TryGetValue(id, out var user) ? new Person(user.DisplayName, user.Email) : await NamedAsync(name, ct);
    }

    /// <summary>Who a stored text names: a user's e-mail, or a system actor's code.</summary>
    public async Task<Person> NamedAsync(string? text, CancellationToken ct = default)
    {
        await LoadAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Person(l[SystemActorKey + AuditLog.DefaultSystemActor].Value, null);
        }

        if (byEmail!.TryGetValue(text.Trim(), out var user))
        {
            return new Person(user.DisplayName, user.Email);
        }

        var word = l[SystemActorKey + text.Trim()];
        return new Person(word.ResourceNotFound ? text.Trim() : word.Value, null);
    }

    /// <summary>A user's display name by id; null for an unknown id.</summary>
    public async Task<string?> UserNameAsync(long id, CancellationToken ct = default)
    {
        await LoadAsync(ct);
        return byId!.TryGetValue(id, out var user) ? user.DisplayName : null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (byId is not null)
        {
            return;
        }

        var users = await db.QueryAsync<UserRow>(Sql.Users, ct: ct);
        byId = users.ToDictionary(u => u.Id);
        byEmail = users.GroupBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    private sealed class UserRow
    {
        public long Id { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
    }

    internal static class Sql
    {
        public const string Users = "SELECT Id, Email, DisplayName FROM Users";
    }
}
