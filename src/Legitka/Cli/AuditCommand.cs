using System.CommandLine;
using Legitka.Audit;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Cli;

internal static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit log's keyed hash chain: exit 1 if any entry was altered, removed or re-sealed without the key.");
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
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                int pending = await db.PendingAuditEntries.CountAsync(ct);
                await Console.Error.WriteLineAsync($"warning: could not seal {pending} pending entries ({e.Message}); checking the sealed chain only.");
            }

            var result = await AuditChain.VerifyAsync(db, host.Services.GetRequiredService<AuditChainKey>(), ct);
            if (!result.Intact)
            {
                await Console.Error.WriteLineAsync($"audit chain BROKEN after {result.EntriesChecked} good entries: {result.Problem}");
                return 1;
            }

            Console.WriteLine($"audit chain intact: {result.EntriesChecked} entries" + (result.AnchoredAt is { } anchoredAt
                ? $" (the first {result.Unkeyed} from before the chain was keyed, pinned by the upgrade's keyed entry of {anchoredAt:yyyy-MM-dd HH:mm} UTC: " +
                  "if this deployment was not upgraded then, the log was rewritten before it)"
                : ""));
            return 0;
        });

        var anchor = new Command("anchor",
            "Only after an upgrade that stopped before it anchored the entries sealed before the chain was keyed: check them with verify first; this makes the key vouch for them as they are.");
        anchor.TreatUnmatchedTokensAsErrors = false;
        anchor.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var anchored = await UnkeyedBeginning.AnchorAsync(scope.ServiceProvider.GetRequiredService<LegitkaDbContext>(), Actor.Cli(), ct);
            Console.WriteLine(anchored > 0
                ? $"anchored the {anchored} entries from before the chain was keyed"
                : "nothing to do: the chain does not end in entries from before it was keyed");
            return 0;
        });
        return new Command("audit", "The append-only audit log.") { verify, anchor };
    }
}
