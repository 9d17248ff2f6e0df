using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Help;

/// <summary>/help and /help/{topic}: the user documentation in the reader's language, with the list of topics beside it.</summary>
public sealed class IndexModel : PageModel
{
    public HelpPage Doc { get; private set; } = null!;

    /// <summary>Every topic's title in the reader's language, index first, for the list of topics.</summary>
    public IReadOnlyList<HelpPage> Contents { get; private set; } = [];

    public IActionResult OnGet(string? topic)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        if (HelpDocs.Find(topic, culture) is not { } page)
        {
            return NotFound();
        }

        Doc = page;
        Contents = HelpDocs.AllTopics.Select(t => HelpDocs.Find(t, culture)).OfType<HelpPage>().ToList();
        return Page();
    }
}
