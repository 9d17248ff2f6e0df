using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Pickers;

/// <summary>
/// The JSON behind the search-as-you-type pickers (wwwroot/js/picker.js), for signed-in users only (401 otherwise):
/// <c>GET /api/pickers/enterprises?q=&amp;p=</c> and <c>GET /api/pickers/nodes?q=&amp;p=&amp;chains=true</c>, a page of
/// <see cref="PickerLimits.PageSize"/> choices each. Enterprises and chain nodes name no project, so the answer is
/// the same for every reader; a bad query or page gets 400 with a message in the reader's language.
/// </summary>
public static class PickersApi
{
    public const string EnterprisesPath = "/api/pickers/enterprises";
    public const string NodesPath = "/api/pickers/nodes";

    public static void MapPickersApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(EnterprisesPath, async (string? q, int? p, IDb db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Refusal(l, q, p) ?? Results.Json(await EnterpriseChoices.SearchAsync(db, l, q ?? "", p ?? 1, ct)))
            .RequireAuthorization();

        endpoints.MapGet(NodesPath, async (string? q, int? p, bool? chains, IDb db, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Refusal(l, q, p) ?? Results.Json(await NodeChoices.SearchAsync(db, l, q ?? "", p ?? 1, chains == true, ct)))
            .RequireAuthorization();
    }

    private static IResult? Refusal(IStringLocalizer l, string? q, int? p)
    {
        if (q is { Length: > PickerLimits.MaxQueryLength })
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Pickers.Error.QueryTooLong", PickerLimits.MaxQueryLength]);
        }

        return p is < 1 or > PickerLimits.MaxPage
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Pickers.Error.Page", PickerLimits.MaxPage])
            : null;
    }
}
