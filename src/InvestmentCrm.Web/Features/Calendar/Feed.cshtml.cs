using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Calendar;

/// <summary>
/// /calendar/feed: the signed-in user's private calendar feed. They make its secret URL (shown once, in the answer
/// to the post that made it, never stored or shown again), make a new one (the old one stops working) or revoke it.
/// </summary>
public sealed class FeedModel(CalendarFeeds feeds, IStringLocalizer<Infrastructure.Localization.SharedResource> l) : PageModel
{
    public DateTime? CreatedAtUtc { get; private set; }

    /// <summary>The feed's URL, only in the answer to the post that made it.</summary>
    public string? NewUrl { get; private set; }

    public string? NewWebcalUrl => NewUrl is null ? null : "webcal" + NewUrl[NewUrl.IndexOf(':', StringComparison.Ordinal)..];

    public async Task OnGetAsync(CancellationToken ct) => CreatedAtUtc = await feeds.CreatedAtAsync(UserId, ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var token = await feeds.IssueAsync(UserId, ct);
        CreatedAtUtc = await feeds.CreatedAtAsync(UserId, ct);
        // An absolute URL at the address this user reached the app by: the one their calendar program can reach too.
        NewUrl = Url.Page("/Calendar/Ics", null, new { token }, Request.Scheme, Request.Host.Value);
        // The secret is in this answer only: no browser or proxy keeps a copy of it.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        TempData["Flash"] = await feeds.RevokeAsync(UserId, ct) ? l["Calendar.Feed.Revoked"].Value : l["Calendar.Feed.NoneToRevoke"].Value;
        return RedirectToPage("/Calendar/Feed");
    }

    private long UserId => User.UserId() ?? throw new InvalidOperationException("The calendar feed page needs a signed-in user.");
}
