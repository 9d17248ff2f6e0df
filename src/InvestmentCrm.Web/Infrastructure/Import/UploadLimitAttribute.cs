using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using InvestmentCrm.Web.Infrastructure.Localization;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>The request limit of an upload page: the import's, see <see cref="UploadLimitAttribute{TLimits}"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute : UploadLimitAttribute<ImportLimits>
{
    public const string RefusedKey = "UploadRefused";
}

/// <summary>What an upload page's limits say about its request: the largest body read, and the setting that sets it.</summary>
public interface IUploadLimits
{
    long MaxRequestBytes { get; }

    int MaxFileMegabytes { get; }

    /// <summary>The setting named in the log when a request is refused, e.g. <c>Import:MaxFileMegabytes</c>.</summary>
    string LimitSetting { get; }

    /// <summary>The message shown for a request over the limit; {0} is the limit in MB.</summary>
    string RequestTooBigKey { get; }
}

/// <summary>
/// Holds the request of an upload page to <see cref="IUploadLimits.MaxRequestBytes"/> of <typeparamref name="TLimits"/> and answers a request over it with
/// the page itself and a localized "file too large", instead of Kestrel's 413 or the form reader's exception (which
/// ended on the 500 page with nothing in the log). It runs before the antiforgery check, which reads the form: the
/// form is read here first, within the limit, and a request over it is sent back to the page (GET, the message in
/// TempData). Nothing is written either way, so the token is not needed for that answer. Before answering, the rest
/// of a refused body is read and thrown away, up to <see cref="UploadBody.DrainAllowanceBytes"/> (see there why);
/// a body larger than that is answered unread and the connection closed.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public class UploadLimitAttribute<TLimits> : Attribute, IFilterFactory, IOrderedFilter
    where TLimits : class, IUploadLimits
{
    // Antiforgery validation is an authorization filter of order 1000 that reads the form; this one must come first.
    public int Order => 900;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) => new Filter(
        services.GetRequiredService<IOptions<TLimits>>(),
        services.GetRequiredService<IStringLocalizer<SharedResource>>(),
        services.GetRequiredService<ITempDataDictionaryFactory>(),
        services.GetRequiredService<ILogger<UploadLimitAttribute>>());

    private sealed class Filter(
        IOptions<TLimits> options, IStringLocalizer<SharedResource> l, ITempDataDictionaryFactory tempData, ILogger logger)
        : IAsyncAuthorizationFilter
    {
        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            var request = http.Request;
            if (!HttpMethods.IsPost(request.Method))
            {
                return;
            }

            var limit = options.Value.MaxRequestBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                // Kestrel's own limit only stops the drain of a refused body; the limit itself is held by UploadBody.
                size.MaxRequestBodySize = limit + UploadBody.DrainAllowanceBytes;
            }

            var body = new UploadBody(request.Body, limit);
            request.Body = body;
            if (request.ContentLength is { } length && length > limit)
            {
                // A browser never asks "100 Continue?": it sends the whole body before it reads the answer, so that body
                // is read first when it is within the allowance. A client that asked has not sent it, and will not once
                // it has this answer.
                var drain = length <= limit + UploadBody.DrainAllowanceBytes && !WaitsForContinue(request);
                await RefuseAsync(context, body, length, drain);
                return;
            }

            if (!request.HasFormContentType)
            {
                return;
            }

            http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit }));
            try
            {
                await request.ReadFormAsync(http.RequestAborted);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel's own limit, where it could not be raised (the body was being read already): nothing more can be read.
                await RefuseAsync(context, body, body.BytesRead, drain: false);
            }
            catch (InvalidDataException) when (body.ReachedLimit)
            {
                await RefuseAsync(context, body, body.BytesRead, drain: true);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                logger.LogInformation(ex, "Upload to {Path}: the form could not be read", request.Path);
                context.Result = new BadRequestResult();
            }
        }

        private static bool WaitsForContinue(HttpRequest request) =>
            request.Headers.Expect.Any(e => e?.Contains("100-continue", StringComparison.OrdinalIgnoreCase) == true);

        private async Task RefuseAsync(AuthorizationFilterContext context, UploadBody body, long bytes, bool drain)
        {
            var http = context.HttpContext;
            // Kestrel's minimum data rate stops a sender that trickles; RequestAborted a client that goes away.
            var readToEnd = drain && await body.DrainAsync(http.RequestAborted);
            var megabytes = options.Value.MaxFileMegabytes;
            logger.LogWarning(
                "Upload to {Path} refused: {Bytes} bytes or more, over the {Megabytes} MB limit ({Setting}); {Read} bytes read and thrown away, {Connection}",
                http.Request.Path, bytes, megabytes, options.Value.LimitSetting, body.BytesRead, readToEnd ? "the whole body" : "the connection closed");
            var data = tempData.GetTempData(http);
            data[UploadLimitAttribute.RefusedKey] = l[options.Value.RequestTooBigKey, megabytes].Value;
            data.Save();
            if (!readToEnd)
            {
                http.Response.Headers.Connection = "close"; // the rest of the body is not read
            }

            context.Result = new RedirectResult(http.Request.PathBase + http.Request.Path + http.Request.QueryString);
        }
    }
}
