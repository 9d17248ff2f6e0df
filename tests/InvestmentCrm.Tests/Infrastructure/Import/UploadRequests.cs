using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Infrastructure.Import;

/// <summary>How a client sends an upload's body.</summary>
public enum Sending
{
    /// <summary>With its length, the body right after the headers: what a browser does.</summary>
    Length,

    /// <summary>With its length and <c>Expect: 100-continue</c>: the body only once the server says so (curl, HttpClient).</summary>
    LengthAfterContinue,

    /// <summary>Chunked: the server learns the size only by reading it.</summary>
    Chunked,
}

/// <summary>An import page's form posted with a file, sent as <see cref="Sending"/> says.</summary>
public static class UploadRequests
{
    public static async Task<HttpResponseMessage> PostFileAsync(TestBrowser browser, string page, string fileName, HttpContent file, Sending how)
    {
        using var multipart = new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(await TokenAsync(browser, page)), "__RequestVerificationToken" } };
        return await SendAsync(browser, page, multipart, how);
    }

    public static async Task<string> TokenAsync(TestBrowser browser, string page) =>
        (await browser.PageAsync(page)).QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    public static async Task<HttpResponseMessage> SendAsync(TestBrowser browser, string page, HttpContent body, Sending how)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, page) { Content = how == Sending.Chunked ? new UnknownLength(body).Init() : body };
        request.Headers.ExpectContinue = how == Sending.LengthAfterContinue ? true : null;
        return await browser.Client.SendAsync(request);
    }

    /// <summary>The same body, sent chunked.</summary>
    private sealed class UnknownLength(HttpContent inner) : HttpContent
    {
        protected override void SerializeToStream(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            inner.CopyTo(stream, context, cancellationToken);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        public UnknownLength Init()
        {
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return this;
        }
    }
}

/// <summary>A file of <paramref name="length"/> zero bytes made as it is sent, which counts how much of it the client
/// took: what a server that closes the connection early did not let it send.</summary>
public sealed class ZeroFile(long length) : Stream
{
    private long taken;

    public long Taken => Interlocked.Read(ref taken);

    public override bool CanRead => true;

    public override bool CanSeek => true; // so that the form around it has a length

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => Taken; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = (int)Math.Min(count, length - Taken);
        Array.Clear(buffer, offset, read);
        Interlocked.Add(ref taken, read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        offset == 0 && origin == SeekOrigin.Begin && Taken == 0 ? 0 : throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
