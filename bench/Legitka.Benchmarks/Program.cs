using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Legitka.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
