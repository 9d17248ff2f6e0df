using System.Text.RegularExpressions;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// Finds half-width punctuation where Chinese text is punctuated ("参与人: …", "用地(亩)"): a : , ; ! ? ( ) or a
/// sentence-ending . next to a Chinese character. What a user types literally (quoted “SEW:HANG”), formulas
/// ("min(1, Σ …)", "(1 − 覆盖)", "L(n)") and placeholders are left alone; so are codes and numbers between Latin letters
/// and digits ("SEW:HANG", "1,000", "05:20").
/// </summary>
public static partial class ChinesePunctuation
{
    /// <summary>The places in <paramref name="text"/> that need full-width punctuation, each with its surroundings.</summary>
    public static IReadOnlyList<string> Problems(string text)
    {
        var t = Placeholder().Replace(text, "X");
        t = Quoted().Replace(t, "“”");
        for (var before = ""; before != t;)
        {
            before = t;
            t = Formula().Replace(t, "F");
        }

        var problems = new List<string>();
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            if (":,;!?().".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            var before = Neighbour(t, i, -1);
            var after = Neighbour(t, i, +1);
            var wrong = c switch
            {
                '(' or ')' => IsChinese(before) || IsChinese(after),
                '.' => IsChinese(before) && (after is null || IsChinese(after)),
                ':' => IsChinese(before) || (IsChinese(after) && !char.IsDigit(before ?? ' ')),
                _ => IsChinese(before) || IsChinese(after),
            };
            if (wrong)
            {
                problems.Add(t[Math.Max(0, i - 8)..Math.Min(t.Length, i + 9)].ReplaceLineEndings("⏎"));
            }
        }

        return problems;
    }

    public static bool HasChinese(string text) => text.Any(c => IsChinese(c));

    private static char? Neighbour(string text, int index, int step)
    {
        for (var j = index + step; j >= 0 && j < text.Length; j += step)
        {
            if (text[j] != ' ')
            {
                return text[j];
            }
        }

        return null;
    }

    /// <summary>Chinese characters and full-width punctuation: the text around them is Chinese.</summary>
    private static bool IsChinese(char? c) => c is { } ch && (ch is >= '\u3400' and <= '\u9fff' || ch is >= '\u3000' and <= '\u303f' || ch is >= '\uff01' and <= '\uff1f');

    [GeneratedRegex(@"\{\d+(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"“[^”]*”")]
    private static partial Regex Quoted();

    // "(1 − 覆盖)" and function notation "L(n)", "p(阶段)"; nested ones ("min(1, Σ p(阶段))") from the inside out.
    [GeneratedRegex(@"[A-Za-z]*\([^()（）]*[×−+=Σ≤≥][^()（）]*\)|[A-Za-z]\w*\([^()（）]*\)")]
    private static partial Regex Formula();
}
