using System.Globalization;
using InvestmentCrm.Web.Features.Admin.Users;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Security;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web;

/// <summary>Everything the web app and the command line share: services, configuration and the request pipeline.</summary>
public static class AppHost
{
    public static async Task<int> RunWebAsync(string[] args)
    {
        var app = BuildWebApp(args);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (MigrationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    public static WebApplication BuildWebApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = new ConfigurationBuilder().AddCommandLine(args).Build()[WebHostDefaults.ContentRootKey] ?? FindContentRoot(),
        });
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>
    /// The project folder when run from source (so App_Data and wwwroot sit beside the code whatever the current
    /// directory), otherwise the current directory as usual.
    /// </summary>
    public static string FindContentRoot()
    {
        var current = Directory.GetCurrentDirectory();
        if (File.Exists(Path.Combine(current, "appsettings.json")))
        {
            return current;
        }

        var projectDir = Path.Combine(current, "src", "InvestmentCrm.Web");
        if (File.Exists(Path.Combine(projectDir, "appsettings.json")))
        {
            return projectDir;
        }

        return File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : current;
    }

    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // No log line may hold a calendar feed's token, at any level: see RedactingLoggerFactory.
        RedactingLoggerFactory.Replace(services, new LogSecrets([Features.Calendar.CalendarFeeds.PathPrefix], [Features.Calendar.CalendarFeeds.TokenPattern]));
        AddDataAndFeatures(services, configuration, builder.Environment.ContentRootPath);
        AddPages(services);
        AddIdentityAndSignIn(services);
        services.AddDataProtection().SetApplicationName("InvestmentCrm");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new DbXmlRepository(sp.GetRequiredService<Db>())));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        // Background jobs (Hangfire; Infrastructure/Jobs/JobsSetup.cs says how to add a job) and PDFs.
        ValidatedOptions.Add<Infrastructure.Pdf.PdfOptions>(services, Infrastructure.Pdf.PdfOptions.Section, options => options.Problems());
        Features.Reports.Documents.AddDocuments(services);
        Infrastructure.Jobs.JobsSetup.AddJobs(services);
        AppJobs.Add(services);
    }

    /// <summary>The database, the features' services and their options.</summary>
    private static void AddDataAndFeatures(IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        // Read when first needed, not now, so that hosts (tests, the command line) can add configuration late.
        services.AddSingleton(sp => DatabaseOptions.From(sp.GetRequiredService<IConfiguration>(), contentRoot));
        services.AddSingleton<Db>();
        services.AddSingleton<IDb>(sp => sp.GetRequiredService<Db>());
        services.AddHttpContextAccessor(); // RequestDataVersions: outside a request (jobs, the command line) it has none
        services.AddSingleton<RequestDataVersions>();
        services.AddSingleton(TimeProvider.System);
        services.AddTransient<Migrator>();
        services.AddTransient<DemoSeeder>();
        services.AddScoped<AuditLog>();
        services.AddScoped<People>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<Features.Chains.ChainMapImporter>();
        services.AddScoped<Features.Chains.ChainLeadership>();
        services.AddScoped<Features.Parks.Zones.ZoneStore>();
        services.AddScoped<Features.Gaps.GapSettingsStore>();
        services.AddScoped<Features.Gaps.GapAnalyser>();
        services.AddSingleton<Features.Gaps.GapCache>();
        services.AddSingleton<Features.Dashboard.DashboardCache>();
        services.AddSingleton<Features.Notifications.NotificationCounts>();
        services.AddScoped<Features.Notifications.NotificationFeed>();
        services.AddScoped<Features.SavedViews.SavedViewStore>();
        services.AddSingleton<Features.SavedViews.SavedViewTabs>();
        services.AddScoped<Features.Calendar.CalendarEntries>();
        services.AddScoped<Features.Calendar.CalendarFeeds>();
        services.AddScoped<Features.Gaps.GapSnapshots>();
        services.AddScoped<Features.Land.LandImporter>();
        services.AddTransient<Features.Land.LandQueries>();
        services.AddSingleton<Features.Land.LandGradeCache>();
        services.AddSingleton<Features.Enterprises.EnterpriseRegions>();
        services.AddSingleton<Features.Enterprises.EnterpriseTotals>();
        services.AddScoped<Features.Enterprises.EnterpriseWriter>();
        services.AddScoped<Features.Enterprises.EnterpriseImporter>();
        services.AddScoped<Features.Projects.ProjectWriter>();
        services.AddScoped<Features.Projects.ProjectFollowUps>();
        services.AddScoped<Features.Matters.MatterWriter>();
        services.AddScoped<Features.Funds.FundsWriter>();
        services.AddScoped<Features.Funds.FundsImporter>();
        services.AddScoped<Features.Projects.ProjectImporter>();
        services.AddScoped<Features.Demo.ProjectBulkSeeder>();
        services.AddSingleton<Features.Projects.ProjectLookups>();
        services.AddSingleton<Features.Attachments.IAttachmentStore, Features.Attachments.DbAttachmentStore>();
        services.AddScoped<Features.Attachments.AttachmentFiles>();
        ValidatedOptions.Add<Features.Attachments.AttachmentOptions>(services, Features.Attachments.AttachmentOptions.Section, options => options.Problems());
        ValidatedOptions.Add<Domain.Projects.ProjectOptions>(services, Domain.Projects.ProjectOptions.Section, options => options.Problems());
        services.AddSingleton<Display>();
        services.AddSingleton<Microsoft.AspNetCore.Mvc.DataAnnotations.IValidationAttributeAdapterProvider, AppValidationAdapters>();
        services.AddSingleton<Navigation>();
        ValidatedOptions.Add<AppOptions>(services, AppOptions.Section, options => options.Problems());
        services.AddSingleton<IPostConfigureOptions<AppOptions>, AppOptions.BaseUrlFromListenAddresses>();
        services.AddHostedService<BaseUrlCheck>();
        services.AddOptions<Infrastructure.Import.ImportLimits>().BindConfiguration(Infrastructure.Import.ImportLimits.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Infrastructure.Import.ImportLimits>, Infrastructure.Import.ImportLimits.Validation>();
        // Chinese text goes out as text, not as &#x...; entities (still HTML-encoded where it must be).
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddHostedService<DatabaseStartup>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();
        services.AddHostedService<DemoStartup>();
        Features.Digest.EmailJobs.AddServices(services);
    }

    /// <summary>Razor Pages under /Features, their strings in both languages and the routes.</summary>
    private static void AddPages(IServiceCollection services)
    {
        // UI strings: one flat key space in Resources/*.json.
        var strings = UiStrings.LoadEmbedded();
        services.AddSingleton(strings);
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddLocalization();
        var localizer = new JsonStringLocalizer(strings);

        services.AddRazorPages(options =>
            {
                // A feature's pages live in its folder beside its services: Features/Projects/Index.cshtml is /projects.
                options.RootDirectory = "/Features";
                options.Conventions.Add(new LowercaseRouteLiterals());
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Error");
            })
            .AddMvcOptions(options =>
            {
                LocalizedBindingMessages.Apply(options.ModelBindingMessageProvider, localizer);
                options.ModelMetadataDetailsProviders.Add(new EmptyStringBinding());
            })
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<RouteOptions>(options =>
        {
            // Not LowercaseUrls: it lowercases route values too (project codes are case-sensitive).
            // LowercaseRouteLiterals gives the same lowercase paths and keeps the values as they are.
            options.LowercaseUrls = false;
            options.LowercaseQueryStrings = false;
        });
    }

    /// <summary>Who may do what, Identity over Dapper and the sign-in cookie.</summary>
    private static void AddIdentityAndSignIn(IServiceCollection services)
    {
        // Every page needs a signed-in user unless it opts out above; nobody can forget an attribute.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.LeaderOrAdmin, policy => policy.RequireRole(Roles.Admin, Roles.Leader));

        services.AddIdentity<AppUser, AppRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddUserStore<DapperUserStore>()
            .AddRoleStore<DapperRoleStore>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        ValidatedOptions.Add<LockoutSettings>(services, LockoutSettings.Section, settings => settings.Problems());
        services.AddOptions<IdentityOptions>().Configure<IOptions<LockoutSettings>>((options, lockout) => lockout.Value.ApplyTo(options.Lockout));

        // Sign-in: one hash per attempt whatever the account; the session ends at the next request once the security
        // stamp changes (Sessions); the cookie's claims (team, name) are refreshed from the database every minute.
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<StandInPasswordHash>();
        services.AddSingleton<Sessions>();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/accessdenied";
            options.Cookie.Name = "crm.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = Sessions.ValidatePrincipalAsync;
            // JSON clients get status codes, not the HTML sign-in page.
            options.Events.OnRedirectToLogin = context => ApiStatusOr(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiStatusOr(context, StatusCodes.Status403Forbidden);
        });
        SecuritySetup.AddSecurity(services);
    }

    private static Task ApiStatusOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    public static void UsePipeline(WebApplication app)
    {
        SecuritySetup.UseForwardedHeadersAndCookiePolicy(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        SecuritySetup.UseSecurityHeaders(app);
        app.UseStatusCodePagesWithReExecute("/error");
        app.UseStaticFiles();

        var cultures = AppCultures.All.Select(name => new CultureInfo(name)).ToList();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(AppCultures.Chinese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
        });
        app.UseMiddleware<CultureCookieMiddleware>();

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        RateLimits.UseRateLimits(app);

        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapRazorPages();
        Features.Gaps.GapsApi.MapGapsApi(app);
        Features.Pickers.PickersApi.MapPickersApi(app);
        Infrastructure.Jobs.JobsDashboard.Map(app);
    }
}
