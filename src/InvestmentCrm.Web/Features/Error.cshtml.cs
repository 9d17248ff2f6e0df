using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features;

/// <summary>Friendly pages for 404, 403 and unexpected errors; the request id ties a report to the log.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int StatusCodeValue { get; private set; }

    public string RequestId { get; private set; } = string.Empty;

    public void OnGet(int? code) => Fill(code);

    public void OnPost(int? code) => Fill(code);

    private void Fill(int? code)
    {
        StatusCodeValue = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = StatusCodeValue;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
