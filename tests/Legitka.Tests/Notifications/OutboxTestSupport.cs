using Legitka.Data;
using Legitka.Notifications;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Notifications;

internal static class OutboxTestSupport
{
    /// <summary>An address no other test uses, so tests sharing a server and database do not see each other's mail.</summary>
    public static string UniqueAddress(string label) => $"{label}-{Guid.NewGuid():N}@rodzice.example";

    /// <summary>Queues and saves one message, as a feature would with the change it announces.</summary>
    public static async Task<Guid> EnqueueAsync(this TestApp app, string to, string subject = "Test", string body = "Treść")
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var message = Notifier.Enqueue(db, to, subject, body, schoolId: null);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return message.Id;
    }

    public static Task<OutboxMessage> OutboxRowAsync(this TestApp app, Guid id) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, TestContext.Current.CancellationToken));

    public static OutboxSender Sender(this TestApp app) => app.Services.GetRequiredService<OutboxSender>();
}
