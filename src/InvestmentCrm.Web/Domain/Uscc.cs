namespace InvestmentCrm.Web.Domain;

/// <summary>What is wrong with a unified social credit code, in the order <see cref="Uscc.Check"/> tests it.</summary>
public enum UsccProblem
{
    Missing,
    WrongLength,
    BadCharacter,
    BadFormat,
    BadCheckCharacter,
}

/// <summary>
/// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character set
/// (no I, O, S, V, Z), the 18th a check character over the first 17.
/// </summary>
public static class Uscc
{
    public const int Length = 18;

    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 3^(i-1) mod 31 for positions 1–17.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? value) => Check(value) is null;

    /// <summary>
    /// Checks a code exactly as given: callers that accept typed or imported input pass it through
    /// <see cref="Normalize"/> first, so lower case and full-width characters are not rejected.
    /// </summary>
    public static UsccProblem? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return UsccProblem.Missing;
        if (value.Length != Length) return UsccProblem.WrongLength;
        if (!value.All(c => Charset.Contains(c, StringComparison.Ordinal))) return UsccProblem.BadCharacter;
        if (!HasValidFormat(value)) return UsccProblem.BadFormat;
        return CheckCharacter(value[..17]) == value[17] ? null : UsccProblem.BadCheckCharacter;
    }

    /// <summary>The 18th character for these 17, or null when they are not 17 characters of the charset.</summary>
    public static char? CheckCharacter(string first17)
    {
        if (first17 is not { Length: 17 }) return null;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0) return null;
            sum += value * Weights[i];
        }
        return Charset[(31 - sum % 31) % 31];
    }

    /// <summary>Trims, maps full-width letters and digits to half-width and upper-cases; null becomes "".</summary>
    public static string Normalize(string? value)
    {
        if (value is null) return "";
        var chars = value.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is (>= '０' and <= '９') or (>= 'Ａ' and <= 'Ｚ') or (>= 'ａ' and <= 'ｚ'))
                c = (char)(c - 0xFEE0);
            chars[i] = c is >= 'a' and <= 'z' ? (char)(c - 32) : c;
        }
        return new string(chars);
    }

    /// <summary>Appends the check character to 17 characters; synthetic seed data uses it to make valid codes.</summary>
    /// <exception cref="ArgumentException">The 17 characters cannot start a valid code.</exception>
    public static string MakeValid(string first17)
    {
        var check = CheckCharacter(first17)
            ?? throw new ArgumentException("Expected 17 characters from " + Charset + ".", nameof(first17));
        var code = first17 + check;
        if (!HasValidFormat(code))
            throw new ArgumentException("Characters 3–8 (the administrative division code) must be digits.", nameof(first17));
        return code;
    }

    // Positions 3–8 are the administrative division code; the character set was checked before.
    private static bool HasValidFormat(string code)
    {
        for (var i = 2; i < 8; i++)
            if (code[i] is < '0' or > '9') return false;
        return true;
    }
}
