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
/// TempData) without reading the rest. Nothing is written either way, so the token is not needed for that answer.
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
                size.MaxRequestBodySize = limit;
            }

            if (request.ContentLength > limit)
            {
                Refuse(context, request.ContentLength.Value);
                return;
            }

            if (!request.HasFormContentType)
            {
                return;
            }

            var counted = new CountingBody(request.Body);
            request.Body = counted;
            http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit }));
            try
            {
                await request.ReadFormAsync(http.RequestAborted);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                Refuse(context, counted.BytesRead); // Kestrel's own limit, on a body sent without a length
            }
            catch (InvalidDataException) when (counted.BytesRead >= limit)
            {
                Refuse(context, counted.BytesRead); // the form reader's limit
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                logger.LogInformation(ex, "Upload to {Path}: the form could not be read", request.Path);
                context.Result = new BadRequestResult();
            }
        }

        private void Refuse(AuthorizationFilterContext context, long bytes)
        {
            var http = context.HttpContext;
            var megabytes = options.Value.MaxFileMegabytes;
            logger.LogWarning("Upload to {Path} refused: {Bytes} bytes or more, over the {Megabytes} MB limit ({Setting})", http.Request.Path, bytes, megabytes, options.Value.LimitSetting);
            var data = tempData.GetTempData(http);
            data[UploadLimitAttribute.RefusedKey] = l[options.Value.RequestTooBigKey, megabytes].Value;
            data.Save();
            http.Response.Headers.Connection = "close"; // the rest of the body is not read
            context.Result = new RedirectResult(http.Request.PathBase + http.Request.Path + http.Request.QueryString);
        }
    }

    /// <summary>Counts what the form reader takes from the body, to tell "too large" from a malformed form.</summary>
    private sealed class CountingBody(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Add(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Add(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Add(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Add(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
