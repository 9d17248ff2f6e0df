using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Calendar;

/// <summary>The dates a feed covers around today: what a calendar needs to look back on and plan, and no more, so
/// each fetch (every hour or so, per subscriber) reads a bounded set through the indexes.</summary>
public static class FeedWindow
{
    public const int DaysBack = 90;
    public const int DaysAhead = 365;
}

/// <summary>
/// <c>GET /calendar/feed/{token}.ics</c>: a user's next steps as iCalendar for Outlook, a phone or WeChat Work, which
/// fetch it without signing in — the secret token is the only credential. The feed holds the next steps of the user's
/// own projects and of their team's (for Staff exactly their <c>ProjectScope</c>; a Leader or Admin, who may see all,
/// gets their own and their team's, not the whole bureau's), open and done, in the user's language. Anything but a
/// current token of a user who may sign in answers 404, the same for every case, so nothing tells a guesser more.
/// </summary>
[AllowAnonymous]
public sealed class IcsModel(CalendarFeeds feeds, CalendarEntries entries, TimeProvider clock, IOptions<AppOptions> app,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The token is read from the route, not bound as an argument: MVC's trace log prints a handler's arguments,
        // and a token that is not 43 characters long (mistyped, cut short) would not be masked there by its shape.
        if (await feeds.OwnerOfAsync(RouteData.Values["token"] as string, ct) is not { } owner)
        {
            return NotFound();
        }

        var today = LocalTime.Today(clock, app.Value.FindTimeZone());
        var list = await entries.ListAsync(owner.Scope, CalendarCircles.Team, today.AddDays(-FeedWindow.DaysBack), today.AddDays(FeedWindow.DaysAhead), ct);
        var text = AppCultures.With(owner.Culture, () => ICalendarText.Write(l["Calendar.Feed.CalendarName"], clock.GetUtcNow().UtcDateTime, list.Entries.Select(Event)));
        Response.Headers.CacheControl = "private, no-cache";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return Content(text, "text/calendar; charset=utf-8");
    }

    private ICalendarEvent Event(CalendarEntry entry) => new(
        // One event per activity for good: the subscriber updates it in place when the step is moved or done.
        $"next-step-{entry.ActivityId}@investmentcrm",
        entry.DueOn,
        (entry.Done ? "✓ " : "") + entry.Code + " " + (entry.NextStep ?? ""),
        l["Calendar.Feed.Description", entry.Title, entry.OwnerName ?? Display.Empty, entry.Done ? l["Calendar.Feed.StateDone"] : l["Calendar.Feed.StateOpen"]],
        Url.Page("/Projects/Details", null, new { code = entry.Code }, Request.Scheme, Request.Host.Value));
}
