using InvestmentCrm.Web.Features.Calendar;
using InvestmentCrm.Web.Infrastructure.Security;

namespace InvestmentCrm.Tests.Infrastructure.Security;

/// <summary>What the log masks as a calendar feed's secret, and what it leaves alone.</summary>
public sealed class LogSecretsTests
{
    private const string Token = "0W6qR6tfVVYh4gIWc8JJYkg1vpcEroamVzID25MEADw";

    private static readonly LogSecrets Secrets = new([CalendarFeeds.PathPrefix], [CalendarFeeds.TokenPattern]);

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://crm/calendar/feed/" + Token + ".ics - - -", "Request starting HTTP/1.1 GET http://crm/calendar/feed/***.ics - - -")]
    [InlineData("GET /Calendar/FEED/typo-of-a-token.ics?x=1", "GET /Calendar/FEED/***.ics?x=1")]
    [InlineData("/calendar/feed/short", "/calendar/feed/***")]
    [InlineData("/projects?q=%2Fcalendar%2Ffeed%2Fabc.ics&page=2", "/projects?q=%2Fcalendar%2Ffeed%2F***.ics&page=2")]
    [InlineData("current=q%3D%252Fcalendar%252Ffeed%252Fabc.ics", "current=q%3D%252Fcalendar%252Ffeed%252F***.ics")]
    [InlineData("address (token=[" + Token + "],page=[/Calendar/Ics])", "address (token=[***],page=[/Calendar/Ics])")]
    [InlineData("with arguments (" + Token + ", System.Threading.CancellationToken)", "with arguments (***, System.Threading.CancellationToken)")]
    public void Masks_the_token_in_a_feed_path_in_any_form_and_a_token_shape_on_its_own(string line, string masked)
    {
        Assert.True(Secrets.IsIn(line));
        Assert.Equal(masked, Secrets.Redact(line));
    }

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://crm/calendar/feed - - -")]
    [InlineData("POST /calendar/feed?handler=Issue")]
    [InlineData("GET /calendar?month=2027-01 /projects/JJ2026-001")]
    [InlineData("a hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 is longer than a token")]
    [InlineData("RequestId:0HNA1B2C3D4E5:00000001 TraceId:4bf92f3577b34da6a3ce929d0e0e4736")]
    public void Leaves_every_other_line_as_it_is(string line)
    {
        Assert.False(Secrets.IsIn(line));
        Assert.Equal(line, Secrets.Redact(line));
    }
}
