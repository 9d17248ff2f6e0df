using System.Globalization;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Help;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace InvestmentCrm.Tests.Docs;

/// <summary>
/// The user documentation (docs/&lt;culture&gt;/&lt;topic&gt;.md, also the in-app help) against the code: both languages
/// cover the same topics with the same headings, links resolve, and every rule the documents state as a number or an
/// example — USCC examples, default settings, grade bands, the worked gap example — is what the code does.
/// </summary>
public sealed class DocsTests
{
    public static TheoryData<string> Topics => [.. HelpDocs.AllTopics];

    [Fact]
    public void Each_language_has_exactly_the_help_topics()
    {
        foreach (var culture in DocFiles.Cultures)
        {
            var files = Directory.GetFiles(DocFiles.Folder(culture), "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
            Assert.Equal(HelpDocs.AllTopics.Order(StringComparer.Ordinal), files);
        }
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public void Both_languages_have_the_same_headings_and_anchors(string topic)
    {
        var zh = DocFiles.Headings(DocFiles.Parse("zh-CN", topic));
        var en = DocFiles.Headings(DocFiles.Parse("en", topic));

        Assert.Equal(zh.Select(h => h.Level), en.Select(h => h.Level));
        Assert.Equal(zh.Select(h => DocFiles.Code(h.Text)), en.Select(h => DocFiles.Code(h.Text)));
        Assert.Single(zh, h => h.Level == 1);
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public void The_app_serves_the_files_of_the_repository(string topic)
    {
        foreach (var culture in DocFiles.Cultures)
        {
            Assert.Equal(DocFiles.Text(culture, topic), HelpDocs.Markdown(topic, culture));
        }
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public void Every_link_of_the_documents_resolves(string topic)
    {
        foreach (var culture in DocFiles.Cultures)
        {
            foreach (var link in DocFiles.Parse(culture, topic).Descendants<LinkInline>())
            {
                var url = link.Url ?? "";
                Assert.False(url.Contains("://", StringComparison.Ordinal), $"{culture}/{topic}: the help links only to its own topics, not {url}");
                var path = url.Split('#')[0];
                Assert.True(File.Exists(Path.GetFullPath(Path.Combine(DocFiles.Folder(culture), path))), $"{culture}/{topic}: {url} does not exist");
                Assert.StartsWith("/help", HelpDocs.HelpUrl(url), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_readme_links_to_documents_that_exist_and_no_longer_to_the_design_document()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var links = System.Text.RegularExpressions.Regex.Matches(readme, @"\]\((docs/[^)#]+)").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(RepoPaths.Root, link)), link));
        Assert.DoesNotContain("DESIGN.md", readme, StringComparison.Ordinal);
        Assert.All(HelpDocs.AllTopics, topic => Assert.Contains($"docs/zh-CN/{topic}.md", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void The_import_examples_are_the_same_in_both_languages()
    {
        var zh = DocFiles.Parse("zh-CN", "import-formats");
        var en = DocFiles.Parse("en", "import-formats");

        Assert.Equal(4, DocFiles.CodeBlocks(zh, "csv").Count);
        Assert.Equal(DocFiles.CodeBlocks(zh, "csv"), DocFiles.CodeBlocks(en, "csv"));
        Assert.Equal(DocFiles.CodeBlocks(zh, "json")[0], DocFiles.CodeBlocks(en, "json")[0]);
    }

    // The outcome words of the USCC examples' "result" column, per language.
    private static readonly Dictionary<string, Dictionary<string, UsccProblem?>> UsccOutcomes = new()
    {
        ["zh-CN"] = new() { ["有效"] = null, ["长度错误"] = UsccProblem.WrongLength, ["含不允许的字符"] = UsccProblem.BadCharacter, ["格式错误"] = UsccProblem.BadFormat, ["校验位错误"] = UsccProblem.BadCheckCharacter },
        ["en"] = new() { ["valid"] = null, ["wrong length"] = UsccProblem.WrongLength, ["character not allowed"] = UsccProblem.BadCharacter, ["bad format"] = UsccProblem.BadFormat, ["wrong check character"] = UsccProblem.BadCheckCharacter },
    };

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void The_uscc_examples_are_what_the_check_says(string culture)
    {
        var examples = DocFiles.Tables(DocFiles.Parse(culture, "uscc"))
            .SelectMany(t => t)
            .Where(row => row.Count == 3 && DocFiles.Code(row[0]) is { Length: >= 17 })
            .ToList();

        Assert.Equal(6, examples.Count);
        foreach (var row in examples)
        {
            Assert.True(UsccOutcomes[culture].TryGetValue(row[1], out var expected), $"unknown outcome '{row[1]}'");
            Assert.Equal(expected, Uscc.Check(DocFiles.Code(row[0])));
        }

        Assert.Contains(UsccOutcomes[culture].Values, outcome => outcome is null);
        Assert.Equal(UsccOutcomes[culture].Values.Order(), examples.Select(row => UsccOutcomes[culture][row[1]]).Distinct().Order());
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void The_worked_check_character_is_computed_as_the_code_does(string culture)
    {
        var text = DocFiles.Text(culture, "uscc");
        var rows = DocFiles.Tables(DocFiles.Parse(culture, "uscc"))
            .Single(t => t.Count == 17 && t.All(r => r.Count == 5))
            .Select(r => (Position: int.Parse(r[0], CultureInfo.InvariantCulture), Char: DocFiles.Code(r[1])![0], Value: int.Parse(r[2], CultureInfo.InvariantCulture), Weight: int.Parse(r[3], CultureInfo.InvariantCulture), Product: int.Parse(r[4], CultureInfo.InvariantCulture)))
            .ToList();
        var code = new string(rows.Select(r => r.Char).ToArray());

        Assert.Equal(Enumerable.Range(1, 17), rows.Select(r => r.Position));
        Assert.All(rows, r => Assert.Equal(Uscc.Charset.IndexOf(r.Char, StringComparison.Ordinal), r.Value));
        Assert.All(rows, r => Assert.Equal(r.Value * r.Weight, r.Product));
        Assert.Equal(Enumerable.Range(0, 17).Select(i => (int)BigPow3Mod31(i)), rows.Select(r => r.Weight));
        var sum = rows.Sum(r => r.Product);
        var check = Uscc.CheckCharacter(code)!.Value;
        Assert.Contains($"Σ = {sum}", text, StringComparison.Ordinal);
        Assert.Contains($"{sum} mod 31 = {sum % 31}", text, StringComparison.Ordinal);
        Assert.Contains($"`{check}`", text, StringComparison.Ordinal);
        Assert.True(Uscc.IsValid(code + check));
    }

    private static long BigPow3Mod31(int exponent) => (long)System.Numerics.BigInteger.ModPow(3, exponent, 31);

    /// <summary>Rows of the form "| `key` label | value |" of every two-column table, value as written.</summary>
    private static Dictionary<string, string> KeyedValues(string culture, string topic) =>
        DocFiles.Tables(DocFiles.Parse(culture, topic))
            .SelectMany(t => t)
            .Where(row => row.Count == 2 && DocFiles.Code(row[0]) is not null)
            .ToDictionary(row => DocFiles.Code(row[0])!, row => row[1], StringComparer.Ordinal);

    private static decimal Number(string text) => decimal.Parse(text.Replace("%", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void The_gap_model_defaults_and_fit_points_are_the_code_defaults(string culture)
    {
        var values = KeyedValues(culture, "gap-model");
        var defaults = GapSettings.Default;

        Assert.Equal(defaults.WeightDemand, Number(values["w_d"]));
        Assert.Equal(defaults.WeightSupply, Number(values["w_s"]));
        Assert.Equal(defaults.WeightKey, Number(values["w_k"]));
        Assert.Equal(defaults.WeightStrategic, Number(values["w_q"]));
        Assert.All(ProjectStages.Active, stage => Assert.Equal(defaults.Probability(stage), Number(values[stage])));
        Assert.All(TargetFit.Points, p => Assert.Equal(p.Value, Number(values[p.Key])));
        Assert.Empty(defaults.StrategicIndustryCodes);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void The_land_model_defaults_and_grade_bands_are_the_code_defaults(string culture)
    {
        var values = KeyedValues(culture, "land-model");
        var d = LandGradingSettings.Default;

        Assert.Equal(new[] { d.WeightTax, d.WeightOutput, d.WeightLabour, d.WeightRd, d.WeightEnergy, d.RatioCap },
            new[] { "tax", "output", "labour", "rd", "energy", "cap" }.Select(key => Number(values[key])));
        Assert.Equal(new[] { d.ShareA, d.ShareB, d.ShareC, d.ShareD }, new[] { "A", "B", "C", "D" }.Select(key => Number(values[key]) / 100));
        Assert.False(d.FreeableIncludesC);

        var bands = DocFiles.Tables(DocFiles.Parse(culture, "land-model")).Single(t => t.All(r => r.Count == 5 && r.All(c => int.TryParse(c, out _))));
        Assert.NotEmpty(bands);
        foreach (var row in bands.Select(r => r.Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList()))
        {
            var grades = LandGrading.Bands(row[0], d);
            Assert.Equal(row.Skip(1), Enum.GetValues<LandGrade>().Select(g => grades.Count(x => x == g)));
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void The_worked_gap_example_is_what_the_model_computes(string culture)
    {
        // The example of docs/<culture>/gap-model.md "worked example": its inputs, as the text states them.
        GapNodeInput Node(string code, bool key, int local, decimal output, params StageCount[] pipeline) =>
            new(code, code, code, Segments.Upstream, null, key, [], local, output, pipeline, []);
        var inputs = new GapInputs("EX", "EX", null,
            [Node("CAST", false, 1, 100), Node("PART", false, 0, 0, new StageCount(ProjectStages.Negotiation, 1)), Node("MOTOR", true, 1, 50), Node("MACH", false, 2, 400)],
            [new("CAST", "PART", null), new("PART", "MACH", 0.5m), new("MOTOR", "MACH", null)]);
        var result = GapModel.Analyse(inputs, GapSettings.Default);

        var table = DocFiles.Tables(DocFiles.Parse(culture, "gap-model")).Single(t => t.Count == 4 && t.All(r => r.Count == 9));
        foreach (var row in table)
        {
            var node = result.Find(DocFiles.Code(row[0])!)!;
            Assert.Equal(node.LocalCount, int.Parse(row[1], CultureInfo.InvariantCulture));
            Assert.Equal(new[] { node.LocalOutputWan, node.DemandWan, node.SupplyWan, node.PipelineCoverage }, row.Skip(2).Take(4).Select(Number));
            Assert.Equal(node.Status, DocFiles.Code(row[6]));
            Assert.Equal((decimal)node.Score, Number(row[7]));
            Assert.Equal(node.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", row[8]);
        }
    }

    [Fact]
    public void Rendering_shows_raw_html_as_text_and_drops_script_links()
    {
        var page = HelpDocs.Render("t", "en", "# T\n\n<script>alert(1)</script>\n\nA <b onclick=\"x()\">b</b> [go](javascript:alert(1)) [u](uscc.md#x) [e](../en/gap-model.md)\n");

        Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"/help/uscc#x\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/help/gap-model?culture=en\"", page.Html, StringComparison.Ordinal);
        Assert.Equal("T", page.Title);
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public void Rendered_documents_have_no_inline_styles_or_scripts_and_unique_anchors(string topic)
    {
        foreach (var culture in DocFiles.Cultures)
        {
            var html = HelpDocs.Find(topic, culture)!.Html;
            Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            var ids = System.Text.RegularExpressions.Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }
}
