using LatentOps.Cli;
using LatentOps.Cli.Infrastructure;

return await CliApp.RunAsync(args, CliEnvironment.FromConsole());
