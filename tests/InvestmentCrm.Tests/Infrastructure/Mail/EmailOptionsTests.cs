using InvestmentCrm.Web.Infrastructure.Mail;
using MailKit.Security;

namespace InvestmentCrm.Tests.Infrastructure.Mail;

/// <summary>The Email section is checked at start-up, so a relay that cannot work is reported before the first digest.</summary>
public sealed class EmailOptionsTests
{
    private static readonly EmailOptionsValidation Validation = new();

    [Fact]
    public void The_defaults_are_valid_and_write_to_the_pickup_directory()
    {
        var options = new EmailOptions();

        Assert.True(Validation.Validate(null, options).Succeeded);
        Assert.True(string.IsNullOrEmpty(options.Smtp.Host));
        Assert.Equal(SecureSocketOptions.Auto, options.Smtp.EffectiveSecurity);
        Assert.True(options.Outbox.AttemptTimeout < TimeSpan.FromSeconds(options.Outbox.LeaseSeconds));
    }

    [Fact]
    public void The_older_start_tls_switch_still_means_start_tls()
    {
        var options = new EmailOptions();
        options.Smtp.StartTls = true;

        Assert.Equal(SecureSocketOptions.StartTls, options.Smtp.EffectiveSecurity);
    }

    [Fact]
    public void Settings_that_could_not_send_are_refused_each_with_its_reason()
    {
        var options = new EmailOptions { From = "not an address" };
        options.Smtp.Host = "smtp.example";
        options.Smtp.Port = 0;
        options.Smtp.Password = "secret";
        options.Smtp.CertificateSha256 = "AB:CD";
        options.Outbox.LeaseSeconds = 60;

        var result = Validation.Validate(null, options);

        Assert.Equal(5, result.Failures!.Count());
        Assert.Contains("Email:From", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:Port", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:UserName is empty", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:CertificateSha256", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Email:Outbox:LeaseSeconds", result.FailureMessage, StringComparison.Ordinal);
    }
}
