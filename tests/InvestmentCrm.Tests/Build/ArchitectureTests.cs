using System.Text.RegularExpressions;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace InvestmentCrm.Tests.Build;

/// <summary>
/// The layout the README describes holds: <c>Domain/</c> and <c>Infrastructure/</c> never use a feature, a page
/// model is used only by its own feature, and files and methods stay short enough to read (README "How the code is
/// laid out"). The sources are parsed with Roslyn, so comments and strings never count as uses.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const int MaxFileLines = 400;
    private const int MaxMethodLines = 80;

    /// <summary>What a long file or method writes in its header or doc comment, with the reason after it.</summary>
    private const string FileReasonMarker = "over 400 lines:";
    private const string MethodReasonMarker = "over 80 lines:";

    private static readonly string[] Layers = ["Domain", "Infrastructure"];

    /// <summary>Where the length rules hold: the app's sources and the tests alike.</summary>
    private static readonly string[] LengthCheckedRoots = [RepoPaths.Web, Path.Combine(RepoPaths.Root, "tests", "InvestmentCrm.Tests")];

    [Fact]
    public void Domain_and_infrastructure_never_use_a_feature()
    {
        var problems = new List<string>();
        foreach (var layer in Layers)
        {
            foreach (var file in SourceFiles(Path.Combine(RepoPaths.Web, layer), "*.cs"))
            {
                var code = CodeOf(file);
                foreach (Match use in FeatureUse().Matches(code))
                {
                    problems.Add($"{Relative(file)} uses {use.Value}");
                }
            }
        }

        Assert.True(problems.Count == 0, "Domain/ and Infrastructure/ must not depend on Features/ (move the shared part down, or declare it in the composition root AppHost/AppJobs):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void A_page_model_is_used_only_by_its_own_feature()
    {
        var pageModels = typeof(AppHost).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && t.Namespace is not null)
            .ToList();
        Assert.True(pageModels.Count >= 50, $"only {pageModels.Count} page models found");

        var problems = new List<string>();
        foreach (var file in SourceFiles(RepoPaths.Web, "*.cs").Concat(SourceFiles(RepoPaths.Web, "*.cshtml")))
        {
            var folderNamespace = NamespaceOfFolder(Path.GetDirectoryName(file)!);
            var code = file.EndsWith(".cs", StringComparison.Ordinal) ? CodeOf(file) : File.ReadAllText(file);
            var identifiers = Identifiers().Matches(code).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var model in pageModels.Where(m => m.Namespace != folderNamespace && identifiers.Contains(m.Name)))
            {
                // A bare name means this file's own page model of that name unless the file imports the other feature.
                var imported = code.Contains("using " + model.Namespace + ";", StringComparison.Ordinal);
                var qualified = code.Contains(model.Namespace + "." + model.Name, StringComparison.Ordinal)
                    || code.Contains(model.Namespace!["InvestmentCrm.Web.".Length..] + "." + model.Name, StringComparison.Ordinal);
                var ownOfThatName = pageModels.Any(m => m.Namespace == folderNamespace && m.Name == model.Name);
                if (qualified || (imported && !ownOfThatName))
                {
                    problems.Add($"{Relative(file)} uses {model.FullName}");
                }
            }
        }

        Assert.True(problems.Count == 0, "A page model belongs to its page; share a service of the feature instead:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void No_source_or_test_file_is_over_400_lines_unless_its_header_says_why()
    {
        var problems = new List<string>();
        foreach (var root in LengthCheckedRoots)
        {
            foreach (var file in new[] { "*.cs", "*.cshtml", "*.js", "*.css" }.SelectMany(pattern => SourceFiles(root, pattern)))
            {
                var lines = File.ReadAllLines(file);
                var header = string.Join("\n", lines.Take(30));
                if (lines.Length > MaxFileLines && !header.Contains(FileReasonMarker, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{Relative(file)}: {lines.Length} lines");
                }
            }
        }

        Assert.True(problems.Count == 0, $"Split these files by responsibility, or say in the header comment \"{FileReasonMarker} <why>\":\n" + string.Join("\n", problems));
    }

    [Fact]
    public void No_method_is_over_80_lines_unless_its_comment_says_why()
    {
        var problems = new List<string>();
        foreach (var root in LengthCheckedRoots)
        {
            foreach (var file in SourceFiles(root, "*.cs"))
            {
                var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file));
                foreach (var member in tree.GetRoot().DescendantNodes().Where(IsMethodLike))
                {
                    var span = member.GetLocation().GetLineSpan();
                    var length = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                    if (length > MaxMethodLines && !member.GetLeadingTrivia().ToFullString().Contains(MethodReasonMarker, StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add($"{Relative(file)}:{span.StartLinePosition.Line + 1} {NameOf(member)}: {length} lines");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, $"Split these methods, or (an algorithm) say in its comment \"{MethodReasonMarker} <why>\":\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_checks_see_what_they_look_for()
    {
        // The scans above pass trivially if they read nothing or strip too much: check them on known code.
        Assert.Matches(FeatureUse(), CodeOf("using InvestmentCrm.Web.Features.Digest;\nclass A { Features.Reports.DocumentJob? j; }", isText: true));
        Assert.DoesNotMatch(FeatureUse(), CodeOf("// uses InvestmentCrm.Web.Features.Digest\nclass A { void M(HttpContext c) => c.Features.Get<int>(); }", isText: true));
        Assert.Contains(SourceFiles(Path.Combine(RepoPaths.Web, "Infrastructure"), "*.cs"), f => f.EndsWith("AuditLog.cs", StringComparison.Ordinal));
        Assert.Contains(LengthCheckedRoots.SelectMany(root => SourceFiles(root, "*.cs")), f => f.EndsWith("ArchitectureTests.cs", StringComparison.Ordinal));
        var method = CSharpSyntaxTree.ParseText("class A { void M() {\n" + string.Concat(Enumerable.Repeat("int x = 1;\n", 90)) + "} }")
            .GetRoot().DescendantNodes().Single(IsMethodLike);
        var lines = method.GetLocation().GetLineSpan();
        Assert.True(lines.EndLinePosition.Line - lines.StartLinePosition.Line + 1 > MaxMethodLines);
    }

    private static bool IsMethodLike(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax;

    private static string NameOf(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
        LocalFunctionStatementSyntax f => f.Identifier.Text,
        AccessorDeclarationSyntax a => a.Keyword.Text + " accessor",
        _ => node.Kind().ToString(),
    };

    /// <summary>The code's tokens without comments, strings or whitespace: what the compiler would resolve.</summary>
    private static string CodeOf(string fileOrText, bool isText = false)
    {
        var tree = CSharpSyntaxTree.ParseText(isText ? fileOrText : File.ReadAllText(fileOrText));
        return string.Join(" ", tree.GetRoot().DescendantTokens()
            .Where(t => !t.IsKind(SyntaxKind.StringLiteralToken) && !t.IsKind(SyntaxKind.InterpolatedStringTextToken)
                && !t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && !t.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
            .Select(t => t.Text))
            .Replace(" . ", ".", StringComparison.Ordinal);
    }

    private static string NamespaceOfFolder(string folder) =>
        "InvestmentCrm.Web" + Path.GetRelativePath(RepoPaths.Web, folder).Replace(Path.DirectorySeparatorChar, '.') switch
        {
            "." => "",
            var rest => "." + rest,
        };

    private static IEnumerable<string> SourceFiles(string root, string pattern) =>
        Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or "node_modules" or "lib" or "TestResults"));

    private static string Relative(string file) => Path.GetRelativePath(RepoPaths.Root, file);

    /// <summary>The features namespace, fully or (from inside InvestmentCrm.Web) partly qualified.</summary>
    [GeneratedRegex(@"\bInvestmentCrm\.Web\.Features\b[\w.]*|(?<![\w.])Features\.[A-Z]\w*\.[A-Z]\w*")]
    private static partial Regex FeatureUse();

    [GeneratedRegex(@"\b[A-Z]\w*Model\b")]
    private static partial Regex Identifiers();
}
