using System.CommandLine;
using Legitka.Audit;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Cli;

internal static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit log's hash chain: exit 1 if any entry was altered or removed.");
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            // Entries a server wrote but had not sealed yet (e.g. it was stopped hard) join the chain first, where this
            // role may write; a read-only role or a standby checks the chain as it is and says what is still pending.
            try
            {
                int sealedNow = await host.Services.GetRequiredService<AuditSealer>().SealPendingAsync(ct);
                if (sealedNow > 0)
                {
                    Console.WriteLine($"sealed {sealedNow} pending entries into the chain");
                }
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
            {
                int pending = await db.PendingAuditEntries.CountAsync(ct);
                await Console.Error.WriteLineAsync($"warning: could not seal {pending} pending entries ({e.Message}); checking the sealed chain only.");
            }

            var result = await AuditChain.VerifyAsync(db, host.Services.GetRequiredService<AuditChainKey>(), ct);
            if (result.Intact)
            {
                Console.WriteLine($"audit chain intact: {result.EntriesChecked} entries");
                return 0;
            }

            await Console.Error.WriteLineAsync($"audit chain BROKEN after {result.EntriesChecked} good entries: {result.Problem}");
            return 1;
        });
        return new Command("audit", "The append-only audit log.") { verify };
    }
}
