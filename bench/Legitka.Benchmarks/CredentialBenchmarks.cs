using BenchmarkDotNet.Attributes;
using Legitka.Credentials.Benchmarking;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.SdJwtVc;
using Legitka.Credentials.StatusList;

namespace Legitka.Benchmarks;

/// <summary>The workloads of <c>legitka bench credentials</c>, with allocation figures.</summary>
[MemoryDiagnoser]
public class CredentialBenchmarks : IDisposable
{
    private CredentialBenchmarkScenario _scenario = null!;
    private TokenStatusList _list = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new CredentialBenchmarkScenario();
        _list = new TokenStatusList(CredentialBenchmarkScenario.StatusListEntries, 2);
        _list[4711] = (byte)StatusType.Invalid;
    }

    [Benchmark]
    public IssuedSdJwt IssueMobileId() => _scenario.Issue();

    [Benchmark]
    public VerifiedCredential VerifyKeyBoundPresentation() => _scenario.VerifyPresentation();

    [Benchmark]
    public string BuildStatusList1M() => _scenario.BuildStatusList();

    [Benchmark]
    public byte StatusLookup() => _list[4711];

    public void Dispose()
    {
        _scenario?.Dispose();
        GC.SuppressFinalize(this);
    }
}
