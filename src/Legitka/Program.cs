using Legitka.Cli;

return await LegitkaCommands.RunAsync(args);
