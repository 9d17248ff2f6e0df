using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features;

/// <summary>Friendly pages for 404, 403, 400 and unexpected errors; the request id ties a report to the log.</summary>
/// <remarks>The status comes from the pipeline that re-executed this page (status-code pages or the exception
/// handler), never from the request's own values: the failed request's form and query are still bound here, and a
/// field of it named <c>code</c> (the board's move form has one) used to turn a 400 into a 500.</remarks>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int StatusCodeValue { get; private set; }

    public string RequestId { get; private set; } = string.Empty;

    public void OnGet() => Fill();

    public void OnPost() => Fill();

    private void Fill()
    {
        StatusCodeValue = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode
            ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null
                ? StatusCodes.Status500InternalServerError
                : StatusCodes.Status404NotFound); // /error asked for directly: there is no error to show
        Response.StatusCode = StatusCodeValue;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
