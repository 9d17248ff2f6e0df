using InvestmentCrm.Web.Domain;

namespace InvestmentCrm.Tests.Domain;

public class EnterpriseNameTests
{
    [Fact]
    public void Spaces_and_bracket_widths_do_not_matter()
    {
        Assert.Equal(
            EnterpriseName.Key("浙江衣拿智能科技有限公司(台州)"),
            EnterpriseName.Key("浙江 衣拿智能科技有限公司（台州）"));
    }

    [Theory]
    [InlineData("浙江衣拿智能科技有限公司【台州】")]
    [InlineData("浙江衣拿智能科技有限公司〔台州〕")]
    [InlineData("浙江衣拿智能科技有限公司[台州]")]
    [InlineData("浙江衣拿智能科技有限公司｛台州｝")]
    [InlineData("浙江衣拿智能科技有限公司［台州］")]
    [InlineData("浙江衣拿智能科技有限公司\u3000(台州)")]
    [InlineData(" 浙江衣拿智能科技有限公司\t(台州) ")]
    public void Bracket_variants_and_whitespace_give_the_same_key(string name) =>
        Assert.Equal("浙江衣拿智能科技有限公司(台州)", EnterpriseName.Key(name));

    [Fact]
    public void Full_width_ascii_and_case_are_folded()
    {
        Assert.Equal("abc科技(中国)有限公司", EnterpriseName.Key("ＡＢＣ科技（中国）有限公司"));
        Assert.Equal(EnterpriseName.Key("Jack Technology Co., Ltd."), EnterpriseName.Key("JACK TECHNOLOGY CO.,LTD．"));
    }

    [Fact]
    public void Different_names_keep_different_keys() =>
        Assert.NotEqual(EnterpriseName.Key("杰克科技股份有限公司"), EnterpriseName.Key("杰克缝纫机股份有限公司"));
}
