using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary><c>GET /api/chains/{code}/gaps</c>: the gap result JSON of docs/en/import-formats.md for signed-in users.</summary>
public static class GapsApi
{
    /// <summary>The endpoint's name, for links to it (<c>asp-route</c>, <c>Url.RouteUrl</c>).</summary>
    public const string RouteName = "ChainGapsJson";

    public static void MapGapsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/chains/{code}/gaps", async (string code, GapAnalyser analyser, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var chain = await analyser.AnalyseAsync(code, listProjectsFor: null, ct);
            return chain is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Gaps.Cli.UnknownChain", code])
                : Results.Text(GapRenderings.Get(chain, "json", () => GapText.Json(l, chain)), "application/json; charset=utf-8");
        }).RequireAuthorization().WithName(RouteName);
}
