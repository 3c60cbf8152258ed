using Legitka.Codes;

namespace Legitka.Audit;

/// <summary>
/// The key the audit chain is sealed with, derived from the local secret (<see cref="CodeHasher"/>), which lives
/// outside the database: whoever can write to the database can still alter entries, but can no longer re-seal the
/// chain after them so that `audit verify` passes.
/// </summary>
public sealed class AuditChainKey(CodeHasher secret)
{
    /// <summary>What <see cref="AuditEntry.KeyVersion"/> says of entries sealed with this key (0: before the chain was keyed).</summary>
    public const int Version = 1;

    internal byte[] Value { get; } = secret.DeriveKey("audit-chain");
}
