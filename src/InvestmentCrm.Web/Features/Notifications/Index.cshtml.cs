using InvestmentCrm.Web.Domain.Projects;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Notifications;

/// <summary>
/// /notifications: the notifications menu as a page. Opening the menu in the top bar posts here: htmx gets the menu's
/// items (with the unread ones marked as they were) and the badge cleared; without script the post marks them read
/// and shows this page.
/// </summary>
public sealed class IndexModel(NotificationFeed feed) : PageModel
{
    public NotificationList List { get; private set; } = new([], [], default);

    public async Task OnGetAsync(CancellationToken ct) => List = await feed.ListAsync(ProjectScope.For(User), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = ProjectScope.For(User);
        List = await feed.ListAsync(scope, ct);
        await feed.MarkReadAsync(scope.UserId, ct);
        return Request.Headers.ContainsKey("HX-Request") ? Partial("_Menu", this) : RedirectToPage("/Notifications/Index");
    }
}
