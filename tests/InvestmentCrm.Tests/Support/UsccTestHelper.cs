using InvestmentCrm.Web.Domain;

namespace InvestmentCrm.Tests.Support;

/// <summary>Valid codes for test enterprises, made with the app's own GB 32100-2015 check.</summary>
internal static class UsccTestHelper
{
    public static bool IsValid(string code) => Uscc.IsValid(code);

    /// <summary>A valid code for test enterprise <paramref name="n"/> (the first 17 characters hold n).</summary>
    public static string Make(int n) => Uscc.MakeValid("91331002" + n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture));
}
