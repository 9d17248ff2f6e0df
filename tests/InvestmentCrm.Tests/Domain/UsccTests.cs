using InvestmentCrm.Web.Domain;

namespace InvestmentCrm.Tests.Domain;

public class UsccTests
{
    [Fact]
    public void Known_code_is_valid()
    {
        Assert.True(Uscc.IsValid("91310110666007217T"));
        Assert.Null(Uscc.Check("91310110666007217T"));
        Assert.Equal('T', Uscc.CheckCharacter("91310110666007217"));
    }

    [Fact]
    public void Wrong_check_character_is_reported()
    {
        Assert.False(Uscc.IsValid("91310110666007217A"));
        Assert.Equal(UsccProblem.BadCheckCharacter, Uscc.Check("91310110666007217A"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_is_missing(string? value) => Assert.Equal(UsccProblem.Missing, Uscc.Check(value));

    [Theory]
    [InlineData("91310110666007217")]
    [InlineData("91310110666007217TT")]
    [InlineData("9131")]
    public void Wrong_length_is_reported(string value) => Assert.Equal(UsccProblem.WrongLength, Uscc.Check(value));

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Letters_outside_the_charset_are_rejected(char letter)
    {
        var code = "9131011066600721" + letter + "T";
        Assert.Equal(UsccProblem.BadCharacter, Uscc.Check(code));
        Assert.Null(Uscc.CheckCharacter("9131011066600721" + letter));
    }

    [Fact]
    public void Letters_in_the_division_code_are_a_format_error()
    {
        var code = Uscc.CheckCharacter("913A0110666007217") is { } c ? "913A0110666007217" + c : "";
        Assert.Equal(UsccProblem.BadFormat, Uscc.Check(code));
        Assert.Throws<ArgumentException>(() => Uscc.MakeValid("913A0110666007217"));
    }

    [Fact]
    public void Lower_case_is_rejected_as_typed_and_accepted_after_normalizing()
    {
        Assert.Equal(UsccProblem.BadCharacter, Uscc.Check("91310110666007217t"));
        Assert.True(Uscc.IsValid(Uscc.Normalize("  91310110666007217t ")));
    }

    [Fact]
    public void Normalize_maps_full_width_characters()
    {
        Assert.Equal("91310110666007217T", Uscc.Normalize("９１３１０１１０６６６００７２１７ｔ"));
        Assert.Equal("", Uscc.Normalize(null));
    }

    [Fact]
    public void Check_character_needs_17_charset_characters()
    {
        Assert.Null(Uscc.CheckCharacter("9131011066600721"));
        Assert.Null(Uscc.CheckCharacter("91310110666007217X"));
        Assert.Null(Uscc.CheckCharacter("9131011066600721-"));
    }

    [Fact]
    public void Generated_codes_round_trip()
    {
        var random = new Random(20240601);
        for (var n = 0; n < 500; n++)
        {
            var first17 = string.Concat(Enumerable.Range(0, 17).Select(i =>
                i is >= 2 and < 8 ? (char)('0' + random.Next(10)) : Uscc.Charset[random.Next(Uscc.Charset.Length)]));
            var code = Uscc.MakeValid(first17);

            Assert.Equal(18, code.Length);
            Assert.True(Uscc.IsValid(code), code);
            Assert.True(Uscc.IsValid(Uscc.Normalize(code.ToLowerInvariant())), code);
            // Any other check character is wrong.
            var wrong = Uscc.Charset.First(c => c != code[17]);
            Assert.Equal(UsccProblem.BadCheckCharacter, Uscc.Check(code[..17] + wrong));
        }
    }

    [Fact]
    public void Single_character_typos_are_caught()
    {
        const string code = "91310110666007217T";
        for (var i = 0; i < 17; i++)
        {
            foreach (var replacement in Uscc.Charset.Where(c => c != code[i]))
            {
                var typo = code[..i] + replacement + code[(i + 1)..];
                Assert.False(Uscc.IsValid(typo), typo);
            }
        }
    }
}
