using System.Collections.Concurrent;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using InvestmentCrm.Web.Infrastructure.Localization;

namespace InvestmentCrm.Web.Features.Help;

/// <summary>One help topic in one language, rendered: <see cref="Html"/> is the document's HTML body.</summary>
public sealed record HelpPage(string Topic, string Culture, string Title, string Html);

/// <summary>
/// The user documentation of the repository (<c>docs/&lt;culture&gt;/&lt;topic&gt;.md</c>, embedded in the assembly so the
/// app runs from any directory) rendered as the in-app help at <c>/help</c> and <c>/help/&lt;topic&gt;</c>. The same files
/// are read on the repository host, so links between them are written as relative <c>.md</c> links and turned into
/// help URLs here. Raw HTML in the Markdown is shown as text (the content is ours, but it is still not trusted as
/// markup), tables and code blocks are rendered, and nothing produces inline scripts or styles.
/// </summary>
public static class HelpDocs
{
    public const string IndexTopic = "index";

    /// <summary>The topics besides the index, in the order the help lists them; each is a file in both languages.</summary>
    public static readonly IReadOnlyList<string> Topics = ["import-formats", "uscc", "gap-model", "land-model", "calendar", "dashboard"];

    public static IEnumerable<string> AllTopics => Topics.Prepend(IndexTopic);

    // No alignment in tables (Markdig writes it as a style attribute) and no generic attributes: nothing inline
    // that a Content-Security-Policy without 'unsafe-inline' would refuse.
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    private static readonly ConcurrentDictionary<(string Topic, string Culture), HelpPage?> Rendered = new();

    /// <summary>The topic in the culture (zh-CN or en; anything else is Chinese), or null for an unknown topic.</summary>
    public static HelpPage? Find(string? topic, string? culture)
    {
        var name = string.IsNullOrEmpty(topic) ? IndexTopic : topic.ToLowerInvariant();
        if (!AllTopics.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        var language = AppCultures.Match(culture) ?? AppCultures.Chinese;
        return Rendered.GetOrAdd((name, language), key => Markdown(key.Topic, key.Culture) is { } text ? Render(key.Topic, key.Culture, text) : null);
    }

    /// <summary>The embedded Markdown of a topic, or null when the assembly has no such file.</summary>
    public static string? Markdown(string topic, string culture)
    {
        using var stream = typeof(HelpDocs).Assembly.GetManifestResourceStream($"docs/{culture}/{topic}.md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Markdown to the help page's HTML: links between the documents become help URLs, a heading that holds
    /// a code span is anchored by it (<c>## 企业文件 `enterprises`</c> is <c>#enterprises</c> in both languages), tables
    /// get the app's table style.</summary>
    public static HelpPage Render(string topic, string culture, string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.Url = HelpUrl(link.Url);
        }

        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Inline?.Descendants<CodeInline>().FirstOrDefault() is { } code)
            {
                heading.GetAttributes().Id = code.Content;
            }
        }

        foreach (var table in document.Descendants<Table>())
        {
            table.GetAttributes().AddClass("table table-sm table-bordered align-top");
        }

        var title = document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { Inline: { } inline }
            ? PlainText(inline)
            : topic;
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new HelpPage(topic, culture, title, writer.ToString());
    }

    /// <summary>
    /// <c>uscc.md#x</c> → <c>/help/uscc#x</c>, <c>index.md</c> → <c>/help</c>, <c>../en/uscc.md</c> → <c>/help/uscc?culture=en</c>;
    /// web addresses and in-page anchors stay; any other scheme (javascript:, data:) is dropped.
    /// </summary>
    public static string? HelpUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.StartsWith('#'))
        {
            return url;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && !url.StartsWith('/'))
        {
            return absolute.Scheme is "http" or "https" or "mailto" ? url : "";
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var (path, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
        if (!path.EndsWith(".md", StringComparison.Ordinal))
        {
            return url;
        }

        string? culture = null;
        var parts = path.Split('/');
        if (parts is ["..", var folder, _] && AppCultures.Match(folder) is { } other)
        {
            culture = other;
        }
        else if (parts.Length != 1)
        {
            return url;
        }

        var topic = Path.GetFileNameWithoutExtension(parts[^1]);
        var target = topic == IndexTopic ? "/help" : "/help/" + topic;
        return target + (culture is null ? "" : "?culture=" + culture) + fragment;
    }

    private static string PlainText(ContainerInline inline)
    {
        var text = new StringBuilder();
        foreach (var item in inline.Descendants<Inline>())
        {
            switch (item)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
            }
        }

        return text.ToString().Trim();
    }
}
