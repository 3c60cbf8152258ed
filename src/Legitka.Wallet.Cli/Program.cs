using Legitka.Wallet.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
return await WalletCommands.Create(WalletCliContext.Default()).Parse(args).InvokeAsync();
