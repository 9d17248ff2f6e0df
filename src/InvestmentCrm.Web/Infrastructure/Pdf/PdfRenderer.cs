using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace InvestmentCrm.Web.Infrastructure.Pdf;

/// <summary>The <c>Pdf</c> section of configuration.</summary>
public sealed partial class PdfOptions
{
    public const string Section = "Pdf";

    /// <summary>The system's Chromium (Debian package <c>chromium</c>); a browser is never downloaded.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>The fallback CJK font for characters outside Brief SC (Debian package <c>fonts-noto-cjk</c>); checked
    /// before the first render.</summary>
    public string CjkFontFile { get; set; } = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    /// <summary>The folder holding the Brief SC font documents print with (<see cref="PrintFonts"/>), built by
    /// scripts/brief-font.py; empty means <see cref="PrintFonts.DefaultDirectory"/>. Checked before the first render.</summary>
    public string FontDirectory { get; set; } = "";

    /// <summary>
    /// The family printed first, before the Noto Sans CJK SC fallback: Brief SC, unless another installed family is
    /// named here (bench/pdf-fonts.sh compares candidates this way). Only letters, digits and single spaces, as it
    /// is written into every document's stylesheet. A family Chromium does not find prints with the fallback.
    /// </summary>
    public string FontFamily { get; set; } = PrintFonts.Family;

    /// <summary>How many pages render at once; each is reused for the next document.</summary>
    public int Pages { get; set; } = 3;

    /// <summary>
    /// What is wrong with these settings, each a sentence naming the setting. Whether Chromium and the fonts are
    /// installed is checked before the first render instead, so a host that never prints needs neither.
    /// </summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ChromiumPath))
        {
            yield return $"{Section}:ChromiumPath is empty; it must be the path of the system's Chromium (/usr/bin/chromium).";
        }

        if (!FamilyName().IsMatch(FontFamily ?? ""))
        {
            yield return $"{Section}:FontFamily is '{FontFamily}'; it must be an installed font family's name of letters, digits and single spaces, at most 64 characters (e.g. {PrintFonts.Family}).";
        }

        if (Pages is < 1 or > 32)
        {
            yield return $"{Section}:Pages is {Pages}; it must be between 1 and 32.";
        }
    }

    [GeneratedRegex(@"^(?=.{1,64}$)[\p{L}\p{N}]+( [\p{L}\p{N}]+)*$")]
    private static partial Regex FamilyName();
}

/// <summary>Chromium or a font is missing: the message names the Debian package or the command that provides it.</summary>
public sealed class PdfUnavailableException(string message) : Exception(message);

/// <summary>What a printed page carries besides the document: the header and footer texts.</summary>
public sealed record PdfChrome(string HeaderLeft, string HeaderRight, string FooterLeft);

/// <summary>
/// Prints HTML to PDF with the system Chromium driven by Playwright: one browser for the process, a small pool of
/// pages reused from document to document, every network request from a page refused (documents carry their
/// styles inline and use only installed fonts), scripts off. Thread-safe; a singleton.
/// </summary>
public sealed class PdfRenderer(IOptions<PdfOptions> options, ILogger<PdfRenderer> logger) : IAsyncDisposable
{
    private readonly PdfOptions settings = options.Value;
    private readonly SemaphoreSlim startLock = new(1, 1);
    private readonly SemaphoreSlim slots = new(Math.Max(1, options.Value.Pages), Math.Max(1, options.Value.Pages));
    private readonly ConcurrentBag<IPage> idle = [];
    private IPlaywright? playwright;
    private IBrowser? browser;
    private IBrowserContext? context;

    private string FontDirectory => string.IsNullOrWhiteSpace(settings.FontDirectory) ? PrintFonts.DefaultDirectory() : settings.FontDirectory;

    /// <summary>Throws <see cref="PdfUnavailableException"/> naming the package or command when Chromium or a font is missing.</summary>
    public void CheckPrerequisites()
    {
        if (!File.Exists(settings.ChromiumPath))
        {
            throw new PdfUnavailableException(
                $"Chromium was not found at {settings.ChromiumPath} (setting Pdf:ChromiumPath). Install the Debian package 'chromium' (apt-get install chromium).");
        }

        if (!File.Exists(settings.CjkFontFile))
        {
            throw new PdfUnavailableException(
                $"The CJK font was not found at {settings.CjkFontFile} (setting Pdf:CjkFontFile). Install the Debian package 'fonts-noto-cjk' (apt-get install fonts-noto-cjk).");
        }

        // Brief SC is built by the repository's script; another family named by Pdf:FontFamily is the system's.
        if (settings.FontFamily == PrintFonts.Family && PrintFonts.MissingFile(FontDirectory) is { } missing)
        {
            throw new PdfUnavailableException(
                $"The PDF font Brief SC was not found: {missing} (setting Pdf:FontDirectory). Build it once with " +
                $"'/usr/bin/python3 scripts/brief-font.py {FontDirectory}' from the repository (about 100 s per face; " +
                "needs the Debian packages 'python3-fonttools' and 'fonts-noto-cjk'); ./run.sh and ./test.sh do this.");
        }
    }

    public async Task<byte[]> RenderAsync(string html, PdfChrome chrome, CancellationToken ct = default)
    {
        await slots.WaitAsync(ct);
        IPage? page = null;
        try
        {
            page = await RentAsync(ct);
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            var pdf = await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4",
                PrintBackground = true,
                // No accessibility tree or outline: they cost render time and these briefs are read, not navigated.
                Tagged = false,
                Outline = false,
                DisplayHeaderFooter = true,
                HeaderTemplate = Header(chrome),
                FooterTemplate = Footer(chrome),
                Margin = new Margin { Top = "20mm", Bottom = "18mm", Left = "15mm", Right = "15mm" },
            });
            idle.Add(page);
            page = null;
            return pdf;
        }
        finally
        {
            if (page is not null)
            {
                // A page that failed may be in any state: drop it, the next render opens a fresh one.
                await DiscardAsync(page);
            }

            slots.Release();
        }
    }

    private async Task<IPage> RentAsync(CancellationToken ct)
    {
        var browserContext = await StartAsync(ct);
        while (idle.TryTake(out var page))
        {
            if (!page.IsClosed && browser is { IsConnected: true })
            {
                return page;
            }
        }

        return await browserContext.NewPageAsync();
    }

    private async Task<IBrowserContext> StartAsync(CancellationToken ct)
    {
        if (browser is { IsConnected: true } && context is not null)
        {
            return context;
        }

        await startLock.WaitAsync(ct);
        try
        {
            if (browser is { IsConnected: true } && context is not null)
            {
                return context;
            }

            CheckPrerequisites();
            idle.Clear();
            if (browser is not null)
            {
                logger.LogWarning("Chromium disconnected; starting it again");
                await browser.DisposeAsync();
            }

            playwright ??= await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = settings.ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-first-run",
                    "--disable-default-apps", "--mute-audio", "--font-render-hinting=none",
                ],
                // The browser alone sees Brief SC, through a fontconfig file that adds its folder to the system's.
                Env = BrowserEnvironment(PrintFonts.FontConfigFile(FontDirectory)),
            });
            context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                JavaScriptEnabled = false,
                Offline = true,
                Locale = "zh-CN",
            });
            // Documents are self-contained: nothing a document names (an image, a font, a stylesheet) is fetched.
            await context.RouteAsync("**/*", route => route.AbortAsync("blockedbyclient"));
            logger.LogInformation("Chromium started for PDF rendering from {Path}", settings.ChromiumPath);
            return context;
        }
        finally
        {
            startLock.Release();
        }
    }

    private async Task DiscardAsync(IPage page)
    {
        try
        {
            await page.CloseAsync();
        }
        catch (PlaywrightException ex)
        {
            logger.LogDebug(ex, "Closing a failed page");
        }
    }

    /// <summary>This process's environment (Playwright replaces it, not adds to it) with FONTCONFIG_FILE set.</summary>
    private static Dictionary<string, string> BrowserEnvironment(string fontConfigFile)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        environment["FONTCONFIG_FILE"] = fontConfigFile;
        return environment;
    }

    // The header and footer are printed with the same fonts as the page: naming Noto here would put its 19 MB
    // file into every document again.
    private string ChromeStyle =>
        "font-family:" + PrintFonts.Stack(settings.FontFamily) + ";font-size:8pt;color:#555;width:100%;" +
        "margin:0 15mm;display:flex;justify-content:space-between;-webkit-print-color-adjust:exact;";

    private string Header(PdfChrome chrome) =>
        $"<div style=\"{ChromeStyle}\"><span style=\"color:#b00;font-weight:bold\">{WebUtility.HtmlEncode(chrome.HeaderLeft)}</span><span>{WebUtility.HtmlEncode(chrome.HeaderRight)}</span></div>";

    private string Footer(PdfChrome chrome) =>
        $"<div style=\"{ChromeStyle}\"><span>{WebUtility.HtmlEncode(chrome.FooterLeft)}</span><span><span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></span></div>";

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        startLock.Dispose();
        slots.Dispose();
    }
}
