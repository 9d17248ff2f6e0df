using System.Net;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features;

/// <summary>The error page answers with the status of the request that failed, whatever that request carried.</summary>
public sealed class ErrorPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("P-2024-001")] // the board's move form: a project code
    [InlineData("404")]
    [InlineData("200")]
    public async Task Failed_antiforgery_check_answers_400_even_with_a_field_named_code(string code)
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var response = await staff.Client.PostAsync("/projects/board?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code,
            ["ToStage"] = "contacted",
            ["Version"] = "1",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Equal("请求无效", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Query_field_named_code_does_not_change_the_status_of_a_missing_page()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        var response = await staff.GetAsync("/no-such-page?code=500");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("页面不存在", (await TestBrowser.ParseAsync(response)).QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Error_page_asked_for_directly_is_not_found_whatever_its_query()
    {
        using var staff = await app.SignedInAsync("staff1@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/error")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/error?code=200")).StatusCode);
    }
}
