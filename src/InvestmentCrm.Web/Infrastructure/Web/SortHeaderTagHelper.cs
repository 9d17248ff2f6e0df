using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// A list's sortable column header, <c>&lt;sort-header key="name" title="…" current="@Model.CurrentSort" /&gt;</c>: a link
/// to the same list in that column's order that keeps the list's filters and drops its page (a new order starts on
/// the first page); on the active column it turns the direction around, and says the current one by an arrow and to
/// screen readers (aria-sort). A tag helper rather than a partial view: a list renders six to twelve of them on every
/// request, and a partial costs a view lookup and a view context each.
/// </summary>
[HtmlTargetElement("sort-header", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SortHeaderTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    /// <summary>The column's key in the list's sort whitelist.</summary>
    public string Key { get; set; } = "";

    /// <summary>The column's heading.</summary>
    public string Title { get; set; } = "";

    /// <summary>The list's sort as applied: a key, with "-" in front when descending.</summary>
    public string Current { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var active = Current.TrimStart('-') == Key;
        var descending = active && Current.StartsWith('-');
        var next = active && !descending ? "-" + Key : Key;

        output.TagName = "a";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "text-reset text-decoration-none");
        output.Attributes.SetAttribute("href", Paging.LinkWith(ViewContext.HttpContext.Request, "sort", next, drop: Paging.QueryKey));
        output.Attributes.SetAttribute("title", localizer["Common.SortBy"].Value);
        if (active)
        {
            output.Attributes.SetAttribute("aria-sort", descending ? "descending" : "ascending");
        }

        output.Content.SetContent(Title + (active ? (descending ? " ▼" : " ▲") : ""));
    }
}
