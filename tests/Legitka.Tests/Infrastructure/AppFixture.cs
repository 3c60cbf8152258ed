namespace Legitka.Tests.Infrastructure;

/// <summary>One running application per test class; tests in the class must not depend on each other's changes.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private TestApp? _app;

    public TestApp App => _app ?? throw new InvalidOperationException("The application has not started.");

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
