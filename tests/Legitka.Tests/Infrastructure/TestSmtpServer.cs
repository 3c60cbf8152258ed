using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpHost = SmtpServer.SmtpServer;

namespace Legitka.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port, in the test process: the sender talks SMTP over TCP to it, and the test
/// reads back what arrived (envelope recipients and the parsed MIME message).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;
    private readonly ConcurrentQueue<ReceivedMail> _received;

    private TestSmtpServer(int port, CancellationTokenSource stop, Task running, ConcurrentQueue<ReceivedMail> received)
    {
        Port = port;
        _stop = stop;
        _running = running;
        _received = received;
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => [.. _received];

    public IReadOnlyList<ReceivedMail> To(string address) =>
        [.. _received.Where(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>A loopback port nothing listens on right now: for a server started later, or one that is "down".</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Starts listening on the port (0: any free one) and returns once connections are accepted.</summary>
    public static async Task<TestSmtpServer> StartAsync(int port = 0)
    {
        var received = new ConcurrentQueue<ReceivedMail>();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(received));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var stop = new CancellationTokenSource();
        var running = new SmtpHost(options, services).StartAsync(stop.Token);
        await Task.WhenAny(listening.Task, running).WaitAsync(TimeSpan.FromSeconds(10));
        if (!listening.Task.IsCompleted)
        {
            await running; // surfaces why it did not listen (e.g. the port is taken)
            throw new InvalidOperationException("The test SMTP server stopped before listening.");
        }

        return new TestSmtpServer(await listening.Task, stop, running, received);
    }

    /// <summary>Waits until <paramref name="count"/> messages have arrived for the address, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (To(address).Count < count)
        {
            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"{To(address).Count} of {count} message(s) for {address} arrived in time.");
            }

            await Task.Delay(20);
        }

        return To(address);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // The way the server is stopped.
        }

        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<ReceivedMail> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            received.Enqueue(new ReceivedMail([.. transaction.To.Select(m => $"{m.User}@{m.Host}")], message));
            return SmtpResponse.Ok;
        }
    }
}

public sealed record ReceivedMail(IReadOnlyList<string> EnvelopeTo, MimeMessage Message);
