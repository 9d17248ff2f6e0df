using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Localization;

/// <summary>
/// UI strings from Resources/&lt;Area&gt;.&lt;culture&gt;.json (embedded): one flat key space, one file pair per area
/// so that features add strings without touching each other's files. A key missing in the current language
/// falls back to Chinese, then to the key itself (and <see cref="LocalizedString.ResourceNotFound"/> is set).
/// </summary>
public sealed class UiStrings
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> byCulture;

    public UiStrings(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byCulture) =>
        this.byCulture = byCulture.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.ToFrozenDictionary(StringComparer.Ordinal),
            StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Cultures => byCulture.Keys;

    public IReadOnlyDictionary<string, string> For(string culture) =>
        byCulture.TryGetValue(culture, out var strings) ? strings : FrozenDictionary<string, string>.Empty;

    public string? Find(string key, CultureInfo culture)
    {
        var name = AppCultures.Match(culture.Name) ?? AppCultures.Chinese;
        if (byCulture.TryGetValue(name, out var strings) && strings.TryGetValue(key, out var value))
        {
            return value;
        }

        return byCulture.TryGetValue(AppCultures.Chinese, out var fallback) && fallback.TryGetValue(key, out value) ? value : null;
    }

    /// <summary>Loads every embedded Resources/*.&lt;culture&gt;.json; a key defined twice is an error.</summary>
    public static UiStrings LoadEmbedded()
    {
        var assembly = typeof(UiStrings).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("Resources/", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                return (Name: name, Strings: JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? []);
            });
        return FromFiles(files);
    }

    /// <summary>Builds the strings from (file name, key → text) pairs, file names like <c>Common.zh-CN.json</c>.</summary>
    public static UiStrings FromFiles(IEnumerable<(string Name, Dictionary<string, string> Strings)> files)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, strings) in files)
        {
            var parts = Path.GetFileNameWithoutExtension(name).Split('.');
            var culture = AppCultures.Match(parts[^1])
                ?? throw new InvalidOperationException($"Resource file {name} does not end in .zh-CN.json or .en.json.");
            if (!result.TryGetValue(culture, out var target))
            {
                target = new Dictionary<string, string>(StringComparer.Ordinal);
                result[culture] = target;
            }

            foreach (var (key, value) in strings)
            {
                if (!target.TryAdd(key, value))
                {
                    throw new InvalidOperationException($"UI string '{key}' ({culture}) is defined twice; {name} repeats it.");
                }
            }
        }

        return new UiStrings(result.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value));
    }
}

public sealed class JsonStringLocalizer(UiStrings strings) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = strings.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    /// <summary>When the first argument is a count of one and the strings have <c>name.One</c>, that text is used:
    /// "1 other active project", not "1 other active projects". Every language defines both keys (the same keys in
    /// every language), Chinese simply with the same text.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var value = (IsOne(arguments) ? strings.Find(name + ".One", CultureInfo.CurrentUICulture) : null)
                ?? strings.Find(name, CultureInfo.CurrentUICulture);
            var text = string.Format(CultureInfo.CurrentCulture, value ?? name, arguments);
            return new LocalizedString(name, text, resourceNotFound: value is null);
        }
    }

    private static bool IsOne(object[] arguments) =>
        arguments is [int and 1, ..] or [long and 1, ..] or [decimal and 1m, ..];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        strings.For(AppCultures.Match(CultureInfo.CurrentUICulture.Name) ?? AppCultures.Chinese)
            .Select(pair => new LocalizedString(pair.Key, pair.Value));
}

public sealed class JsonStringLocalizerFactory(UiStrings strings) : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer localizer = new(strings);

    public IStringLocalizer Create(Type resourceSource) => localizer;

    public IStringLocalizer Create(string baseName, string location) => localizer;
}
