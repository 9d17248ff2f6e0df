using System.Text.Json;
using System.Text.RegularExpressions;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Localization;

namespace InvestmentCrm.Tests.Infrastructure.Localization;

public sealed partial class ResourceTests
{
    private static readonly string ResourceFolder = Path.Combine(RepoPaths.Web, "Resources");

    public static TheoryData<string> Areas() =>
        new(Directory.GetFiles(ResourceFolder, "*.zh-CN.json").Select(f => Path.GetFileName(f)[..^".zh-CN.json".Length]).Order());

    [Theory]
    [MemberData(nameof(Areas))]
    public void Chinese_and_english_files_have_the_same_keys_and_placeholders(string area)
    {
        var zh = Read($"{area}.zh-CN.json");
        var en = Read($"{area}.en.json");

        Assert.Equal(zh.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        foreach (var key in zh.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(zh[key]), $"{area}.zh-CN: {key} is empty");
            Assert.False(string.IsNullOrWhiteSpace(en[key]), $"{area}.en: {key} is empty");
            Assert.True(Placeholders(zh[key]).SetEquals(Placeholders(en[key])), $"{key}: placeholders differ between '{zh[key]}' and '{en[key]}'");
        }
    }

    [Fact]
    public void Every_resource_file_has_a_partner_in_the_other_language()
    {
        var zh = Directory.GetFiles(ResourceFolder, "*.zh-CN.json").Select(f => Path.GetFileName(f).Replace(".zh-CN.json", string.Empty, StringComparison.Ordinal)).Order();
        var en = Directory.GetFiles(ResourceFolder, "*.en.json").Select(f => Path.GetFileName(f).Replace(".en.json", string.Empty, StringComparison.Ordinal)).Order();

        Assert.Equal(zh, en);
        Assert.Equal(Directory.GetFiles(ResourceFolder, "*.json").Length, zh.Count() * 2);
    }

    [Fact]
    public void The_embedded_strings_load_without_a_key_defined_twice()
    {
        var strings = UiStrings.LoadEmbedded();

        Assert.NotEmpty(strings.For("zh-CN"));
        Assert.Equal(strings.For("zh-CN").Keys.Order(StringComparer.Ordinal), strings.For("en").Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_key_defined_in_two_files_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => UiStrings.FromFiles(
        [
            ("A.zh-CN.json", new Dictionary<string, string> { ["Same"] = "一" }),
            ("B.zh-CN.json", new Dictionary<string, string> { ["Same"] = "二" }),
        ]));

        Assert.Contains("Same", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_key_the_code_names_exists()
    {
        var strings = UiStrings.LoadEmbedded().For("zh-CN");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Web, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in KeyUse().Matches(text))
            {
                var key = match.Groups["key"].Value;
                if (!strings.ContainsKey(key))
                {
                    missing.Add($"{Path.GetRelativePath(RepoPaths.Web, file)}: {key}");
                }
            }
        }

        Assert.True(missing.Count == 0, "Keys used in code but missing from Resources:\n" + string.Join('\n', missing.Distinct()));
    }

    [Fact]
    public void Chinese_strings_use_full_width_punctuation()
    {
        var problems = UiStrings.LoadEmbedded().For("zh-CN")
            .Where(s => ChinesePunctuation.HasChinese(s.Value))
            .SelectMany(s => ChinesePunctuation.Problems(s.Value).Select(p => $"{s.Key}: …{p}…"))
            .ToList();

        Assert.True(problems.Count == 0, "Half-width punctuation in Chinese text:\n" + string.Join('\n', problems));
    }

    [Theory]
    [InlineData("参与人: 李招商", true)]
    [InlineData("用地(亩)", true)]
    [InlineData("已保存.", true)]
    [InlineData("项目, 企业", true)]
    [InlineData("参与人：李招商", false)]
    [InlineData("环节写成“产业链代码:环节代码”，如 SEW:HANG", false)]
    [InlineData("在谈覆盖 = min(1, Σ 各在谈项目阶段概率)", false)]
    [InlineData("{0}：{1:N0} 万元", false)]
    [InlineData("L(n) 是环节 n 的本地产值，min(1, Σ p(阶段))", false)]
    public void The_punctuation_check_finds_half_width_marks_in_chinese_text_only(string text, bool wrong)
    {
        Assert.Equal(wrong, ChinesePunctuation.Problems(text).Count > 0);
    }

    [Fact]
    public void A_missing_key_shows_the_key_rather_than_failing()
    {
        var localizer = new JsonStringLocalizer(UiStrings.LoadEmbedded());

        var result = localizer["No.Such.Key"];

        Assert.True(result.ResourceNotFound);
        Assert.Equal("No.Such.Key", result.Value);
    }

    private static Dictionary<string, string> Read(string file) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(ResourceFolder, file)))!;

    private static HashSet<string> Placeholders(string text) =>
        [.. Regex.Matches(text, @"\{(\d+)(?:[:,][^}]*)?\}").Select(m => m.Groups[1].Value)];

    // L["Key"], l["Key", …], ErrorMessage = "Key", Display(Name = "Key"), FailAsync("Key"), nav TitleKeys: the literal
    // keys the app asks for. Keys built at run time ("Role." + role) are covered by the page tests.
    [GeneratedRegex(@"(?:\b[Ll]\[\s*|ErrorMessage\s*=\s*|Display\(Name\s*=\s*|FailAsync\(\s*|new\(\s*)""(?<key>[A-Z][A-Za-z]+\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])""")]
    private static partial Regex KeyUse();
}
