using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>
/// Links from every row of a list to one page, by page name as everywhere (a route rename stays one edit), but with
/// the router asked once per list instead of once per row: the URL is built with a marker for the row's value, and
/// each row's link puts its value in the marker's place. The marker is the largest long, so it satisfies an
/// <c>{id:long}</c> route as well as a plain <c>{code}</c>.
/// </summary>
public sealed class RowLinks
{
    private static readonly string Marker = long.MaxValue.ToString(CultureInfo.InvariantCulture);

    private readonly string template;

    public RowLinks(IUrlHelper url, string page, string routeKey)
    {
        template = url.Page(page, new RouteValueDictionary { [routeKey] = Marker })
            ?? throw new InvalidOperationException($"No route to {page} with {{{routeKey}}}.");
        if (!template.Contains(Marker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{page} does not take {routeKey} in its path: {template}");
        }
    }

    /// <summary>The link of the row whose route value is <paramref name="value"/>.</summary>
    public string For(long value) => template.Replace(Marker, value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <inheritdoc cref="For(long)"/>
    public string For(string value) => template.Replace(Marker, Uri.EscapeDataString(value), StringComparison.Ordinal);
}
