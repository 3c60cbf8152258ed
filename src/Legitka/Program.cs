using Legitka.Cli;

return await LegitkaCommands.Create().Parse(args).InvokeAsync();
