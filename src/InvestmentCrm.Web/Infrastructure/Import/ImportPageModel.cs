using System.Diagnostics.CodeAnalysis;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// What the upload pages (chain maps, enterprises, projects, land records) share: who may import (leaders and
/// admins), one request limit (<see cref="UploadLimitAttribute"/>, from the <c>Import</c> section), the checks before a
/// file is read, reading it within the limits, and the "too large" answer of a request that was over the limit.
/// </summary>
[Authorize(Policy = Policies.LeaderOrAdmin)]
[UploadLimit]
public abstract class ImportPageModel(IOptions<ImportLimits> limits, IStringLocalizer<SharedResource> l) : PageModel
{
    public ImportLimits Limits => limits.Value;

    public string? FileName { get; private set; }

    protected IStringLocalizer<SharedResource> Localizer => l;

    /// <summary>Set by <see cref="UploadLimitAttribute"/> when it sent an upload over the limit back here.</summary>
    [TempData(Key = UploadLimitAttribute.RefusedKey)]
    public string? UploadRefused { get; set; }

    public void OnGet()
    {
        if (UploadRefused is { } message)
        {
            ModelState.AddModelError("file", message);
        }
    }

    /// <summary>One file was chosen, of one of <paramref name="extensions"/>, not empty and within the limit; otherwise
    /// false, with the reason on the file field.</summary>
    protected bool Accept([NotNullWhen(true)] IFormFile? file, params string[] extensions)
    {
        FileName = file?.FileName;
        var error = UploadCheck.Problem(file, extensions, Limits.MaxFileBytes, l);
        if (error is not null)
        {
            ModelState.AddModelError("file", error);
        }

        return error is null;
    }

    /// <summary>A CSV or XLSX upload read within the limits.</summary>
    protected TabularReadResult Read(IFormFile file)
    {
        using var stream = file.OpenReadStream();
        return TabularFile.Read(stream, file.FileName, Limits);
    }
}
