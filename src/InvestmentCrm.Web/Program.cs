using InvestmentCrm.Web;
using InvestmentCrm.Web.Cli;
// With a verb (migrate, create-user, seed-demo, …) this is the command line; without one, the web app.
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

return await AppHost.RunWebAsync(args);

/// <summary>Entry point; public so the integration tests can host it.</summary>
public partial class Program;
