using System.Text;

namespace InvestmentCrm.Web.Domain;

/// <summary>Enterprise names as people type them: the same company arrives with and without spaces, in
/// full-width or half-width brackets, so near-duplicates are found by comparing keys, not names.</summary>
public static class EnterpriseName
{
    /// <summary>
    /// The comparison key of a name: no whitespace (U+3000 included), full-width ASCII (U+FF01–U+FF5E) as
    /// half-width, every bracket variant （）〔〕【】[]｛｝ as ( ), ASCII letters in lower case.
    /// </summary>
    public static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var original in name)
        {
            if (char.IsWhiteSpace(original) || original is '\u200B' or '\uFEFF') continue;
            var c = original is >= '\uFF01' and <= '\uFF5E' ? (char)(original - 0xFEE0) : original;
            c = c switch
            {
                '〔' or '【' or '[' or '{' => '(',
                '〕' or '】' or ']' or '}' => ')',
                >= 'A' and <= 'Z' => (char)(c + 32),
                _ => c,
            };
            key.Append(c);
        }
        return key.ToString();
    }
}
