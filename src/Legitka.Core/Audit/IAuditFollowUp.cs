using Legitka.Data;

namespace Legitka.Audit;

/// <summary>
/// Work that follows from events the hot paths record as pending audit entries (activations), done by
/// <see cref="AuditSealer"/> in the transaction that seals them: exactly once, and off the wallet's request.
/// </summary>
public interface IAuditFollowUp
{
    /// <summary>Adds its changes to <paramref name="db"/>; the sealer saves and commits them with the entries.</summary>
    Task OnSealedAsync(LegitkaDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct);
}
