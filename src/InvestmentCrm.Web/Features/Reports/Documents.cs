using System.Diagnostics;
using System.Globalization;
using Hangfire;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Pdf;

namespace InvestmentCrm.Web.Features.Reports;

/// <summary>The kinds of generated document (Documents.Kind).</summary>
public static class DocumentKinds
{
    public const string Brief = "brief";
    public const string ChainGap = "chain_gap";
    public const string Dispatch = "dispatch";
}

/// <summary>What caused a document request (DocumentRequests.TriggeredBy, shown beside each document).</summary>
public static class DocumentTriggers
{
    public const string User = "user";
    public const string Schedule = "schedule";
    public const string Cli = "cli";

    /// <summary>stage:site_visit, stage:negotiation: a project entered that stage.</summary>
    public static string Stage(string stage) => "stage:" + stage;
}

/// <summary>A document as HTML, before printing, with what its pages carry in the header and footer.</summary>
public sealed record RenderedDocument(string Title, string FileName, string Html, PdfChrome Chrome);

/// <summary>
/// Turns a subject (a project code, a chain code) into a document of one kind. Adding a kind of report is one
/// template (Pdf/Templates/*.razor) and one of these, registered in <see cref="Documents.AddDocuments"/>.
/// </summary>
public interface IDocumentGenerator
{
    string Kind { get; }

    /// <summary>The document's HTML in the culture, or null when the subject does not exist.</summary>
    Task<RenderedDocument?> RenderAsync(string subject, string culture, DateTime generatedAtUtc, CancellationToken ct);
}

/// <summary>A printed document.</summary>
public sealed record GeneratedPdf(string Title, string FileName, byte[] Content, long RenderMs);

/// <summary>
/// Requests, generates and stores PDFs. A request is a row with a key plus a <see cref="DocumentJob"/> that carries
/// the key; the job stores the document under that key, unique in the table, so however often the job runs
/// (retries, a crash, two workers at once) there is one document per request.
/// </summary>
public sealed class Documents(IDb db, IEnumerable<IDocumentGenerator> generators, PdfRenderer pdf, IBackgroundJobClient jobs, TimeProvider clock, ILogger<Documents> logger)
{
    public static void AddDocuments(IServiceCollection services)
    {
        services.AddSingleton<PdfRenderer>();
        services.AddSingleton<HtmlTemplates>();
        services.AddScoped<Documents>();
        services.AddScoped<Features.Reports.Briefs.BriefRequests>();
        services.AddScoped<Features.Reports.ProjectBriefs>();
        services.AddScoped<IDocumentGenerator, Features.Reports.Briefs.BriefGenerator>();
        services.AddScoped<IDocumentGenerator, Features.Reports.ChainGap.ChainGapGenerator>();
        services.AddScoped<Features.Reports.ChainGap.ChainGapReports>();
        services.AddScoped<DocumentJob>();
        services.AddScoped<Features.Reports.ChainGap.ChainGapReportsJob>();
        services.AddScoped<Features.Reports.Dispatch.DispatchQueries>();
        services.AddSingleton<Features.Reports.Dispatch.DispatchCache>();
        services.AddScoped<IDocumentGenerator, Features.Reports.Dispatch.DispatchGenerator>();
        services.AddScoped<Features.Reports.Dispatch.DispatchReports>();
        services.AddScoped<Features.Reports.Dispatch.DispatchReportJob>();
    }

    public bool Supports(string kind) => generators.Any(g => g.Kind == kind);

    /// <summary>Renders and prints a document now, without storing it (the command line, benchmarks).</summary>
    public async Task<GeneratedPdf?> GenerateAsync(string kind, string subject, string culture, CancellationToken ct = default)
    {
        var generator = generators.Single(g => g.Kind == kind);
        var started = Stopwatch.GetTimestamp();
        var document = await generator.RenderAsync(subject, AppCultures.Match(culture) ?? AppCultures.Chinese, clock.GetUtcNow().UtcDateTime, ct);
        if (document is null)
        {
            return null;
        }

        var bytes = await pdf.RenderAsync(document.Html, document.Chrome, ct);
        return new GeneratedPdf(document.Title, document.FileName, bytes, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Queues the generation of a document; returns the request's key.</summary>
    public async Task<string> RequestAsync(string kind, string subject, string culture, long? userId, string triggeredBy, CancellationToken ct = default)
    {
        if (!Supports(kind))
        {
            throw new ArgumentException($"No generator for documents of kind '{kind}'.", nameof(kind));
        }

        var key = Guid.NewGuid().ToString("N");
        await db.ExecuteAsync(Sql.InsertRequest, new
        {
            RequestKey = key,
            Kind = kind,
            Subject = subject,
            Culture = AppCultures.Match(culture) ?? AppCultures.Chinese,
            RequestedByUserId = userId,
            TriggeredBy = triggeredBy,
            RequestedAtUtc = clock.GetUtcNow().UtcDateTime,
        }, ct);
        try
        {
            // Stored by Hangfire before this returns: it runs even if this process stops right now.
            jobs.Enqueue<DocumentJob>(job => job.RunAsync(key, kind, subject, CancellationToken.None));
        }
        catch (Exception ex)
        {
            await db.ExecuteAsync(Sql.FailRequest, new { RequestKey = key, Error = ex.Message }, CancellationToken.None);
            throw;
        }

        return key;
    }

    /// <summary>
    /// Generates and stores the document of a request whose key the caller chose (e.g. one per chain and month for a
    /// recurring report), in this call: a key that already has its document stores nothing. Returns true when this
    /// call stored the document.
    /// </summary>
    public async Task<bool> EnsureAsync(string requestKey, string kind, string subject, string culture, string triggeredBy, CancellationToken ct = default)
    {
        if (await db.ExecuteScalarAsync<long>(Sql.DocumentExists, new { RequestKey = requestKey }, ct) > 0)
        {
            return false;
        }

        await db.ExecuteAsync(Sql.InsertRequestOnce, new
        {
            RequestKey = requestKey,
            Kind = kind,
            Subject = subject,
            Culture = AppCultures.Match(culture) ?? AppCultures.Chinese,
            RequestedByUserId = (long?)null,
            TriggeredBy = triggeredBy,
            RequestedAtUtc = clock.GetUtcNow().UtcDateTime,
        }, ct);
        await FulfilAsync(requestKey, ct);
        return true;
    }

    /// <summary>Does what a request asks, once: called by <see cref="DocumentJob"/>, possibly more than once per key.</summary>
    public async Task FulfilAsync(string requestKey, CancellationToken ct)
    {
        var request = await db.QuerySingleOrDefaultAsync<DocumentRequest>(Sql.Request, new { RequestKey = requestKey }, ct);
        if (request is null)
        {
            logger.LogWarning("Document request {Key} does not exist; nothing to do", requestKey);
            return;
        }

        if (await db.ExecuteScalarAsync<long>(Sql.DocumentExists, new { RequestKey = requestKey }, ct) > 0)
        {
            await db.ExecuteAsync(Sql.CompleteRequest, new { RequestKey = requestKey }, ct);
            return;
        }

        try
        {
            var generated = await GenerateAsync(request.Kind, request.Subject, request.Culture, ct)
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{request.Kind} '{request.Subject}' does not exist."));
            await db.InTransactionAsync(async session =>
            {
                // Unique on RequestKey: a second runner of the same request inserts nothing.
                var inserted = await session.ExecuteAsync(Sql.InsertDocument, new
                {
                    RequestKey = requestKey,
                    request.Kind,
                    request.Subject,
                    request.Culture,
                    generated.Title,
                    generated.FileName,
                    generated.Content,
                    SizeBytes = (long)generated.Content.Length,
                    generated.RenderMs,
                    GeneratedAtUtc = clock.GetUtcNow().UtcDateTime,
                    GeneratedByUserId = request.RequestedByUserId,
                    request.TriggeredBy,
                });
                await session.ExecuteAsync(Sql.CompleteRequest, new { RequestKey = requestKey });
                return inserted;
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await db.ExecuteAsync(Sql.FailRequest, new { RequestKey = requestKey, Error = ex.Message }, CancellationToken.None);
            throw;
        }
    }

    public sealed class DocumentRequest
    {
        public string Kind { get; set; } = string.Empty;
        public string Subject { get; set; } = string.Empty;
        public string Culture { get; set; } = string.Empty;
        public long? RequestedByUserId { get; set; }
        public string TriggeredBy { get; set; } = string.Empty;
    }

    internal static class Sql
    {
        public const string InsertRequest = """
            INSERT INTO DocumentRequests (RequestKey, Kind, Subject, Culture, RequestedByUserId, TriggeredBy, RequestedAtUtc, Status)
            VALUES (@RequestKey, @Kind, @Subject, @Culture, @RequestedByUserId, @TriggeredBy, @RequestedAtUtc, 'queued')
            """;

        public const string InsertRequestOnce = """
            INSERT INTO DocumentRequests (RequestKey, Kind, Subject, Culture, RequestedByUserId, TriggeredBy, RequestedAtUtc, Status)
            SELECT @RequestKey, @Kind, @Subject, @Culture, @RequestedByUserId, @TriggeredBy, @RequestedAtUtc, 'queued'
            WHERE NOT EXISTS (SELECT 1 FROM DocumentRequests WHERE RequestKey = @RequestKey)
            """;

        public const string Request = """
            SELECT Kind, Subject, Culture, RequestedByUserId, TriggeredBy FROM DocumentRequests WHERE RequestKey = @RequestKey
            """;

        public const string DocumentExists = "SELECT COUNT(*) FROM Documents WHERE RequestKey = @RequestKey";

        // INSERT … SELECT … WHERE NOT EXISTS: portable 'insert once', the unique constraint backs it under a race.
        public const string InsertDocument = """
            INSERT INTO Documents (RequestKey, Kind, Subject, Culture, Title, FileName, Content, SizeBytes, RenderMs,
                GeneratedAtUtc, GeneratedByUserId, TriggeredBy)
            SELECT @RequestKey, @Kind, @Subject, @Culture, @Title, @FileName, @Content, @SizeBytes, @RenderMs,
                @GeneratedAtUtc, @GeneratedByUserId, @TriggeredBy
            WHERE NOT EXISTS (SELECT 1 FROM Documents WHERE RequestKey = @RequestKey)
            """;

        public const string CompleteRequest = "UPDATE DocumentRequests SET Status = 'done', Error = NULL WHERE RequestKey = @RequestKey";

        public const string FailRequest = "UPDATE DocumentRequests SET Status = 'failed', Error = @Error WHERE RequestKey = @RequestKey AND Status <> 'done'";
    }
}

/// <summary>
/// Generates the document a request asks for (any kind); see <see cref="Documents.FulfilAsync"/>. Kind and subject
/// travel along only to name the job on the dashboard; the request row is what the job does.
/// </summary>
public sealed class DocumentJob(Documents documents)
{
    /// <summary>A failed PDF (Chromium busy, the database locked) is tried again after 30 s, 2 min and 10 min.</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(string requestKey, string kind, string subject, CancellationToken cancellationToken) =>
        documents.FulfilAsync(requestKey, cancellationToken);
}
