using System.CommandLine;
using Legitka.Audit;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Cli;

internal static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit log's keyed hash chain: exit 1 if any entry was altered, removed or re-sealed without the key; 2 if it begins with entries sealed before the chain was keyed.");
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
            if (!result.Intact)
            {
                await Console.Error.WriteLineAsync($"audit chain BROKEN after {result.EntriesChecked} good entries: {result.Problem}");
                return 1;
            }

            Console.WriteLine($"audit chain intact: {result.EntriesChecked} entries");
            if (result.Unkeyed > 0)
            {
                // Not a break, but not protected either: whoever can write to the database could have rewritten them.
                await Console.Error.WriteLineAsync($"warning: the first {result.Unkeyed} entries are sealed without the chain's key (written before it " +
                    "was keyed, or rewritten since); after an upgrade, run `legitka audit seal-with-key` once.");
                return 2;
            }

            return 0;
        });

        var sealWithKey = new Command("seal-with-key",
            "Seal an audit log begun before the chain was keyed with the local secret's key, once after the upgrade; refused if the chain is broken.");
        sealWithKey.TreatUnmatchedTokensAsErrors = false;
        sealWithKey.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            var result = await ChainKeying.SealWithKeyAsync(db, host.Services.GetRequiredService<AuditChainKey>(), ct);
            if (!result.Before.Intact)
            {
                await Console.Error.WriteLineAsync($"not sealed: the chain is broken ({result.Before.Problem}); the key must not vouch for it.");
                return 1;
            }

            Console.WriteLine(result.Sealed > 0
                ? $"sealed the audit chain's {result.Sealed} entries with the key ({result.Before.Unkeyed} were unkeyed)"
                : $"nothing to do: all {result.Before.EntriesChecked} entries are sealed with the key");
            return 0;
        });
        return new Command("audit", "The append-only audit log.") { verify, sealWithKey };
    }
}
