using System.Linq.Expressions;

namespace Legitka.Issuance;

/// <summary>An mLegitymacja handed to one wallet: which device key holds it, where its status lives, and how it ended.</summary>
public sealed class IssuedMobileId
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public Guid PupilId { get; init; }
    public Guid OfferId { get; init; }
    public required string CardNumber { get; init; }
    public int StatusListId { get; init; }
    public int StatusIndex { get; init; }
    /// <summary>RFC 7638 thumbprint of the wallet's device key (the credential's <c>cnf.jwk</c>).</summary>
    public required string KeyThumbprint { get; init; }
    public DateTime IssuedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }
    /// <summary>Hash of the notification_id the wallet reports back with.</summary>
    public required byte[] NotificationIdHash { get; init; }
    /// <summary>The wallet's last notification: credential_accepted, credential_failure or credential_deleted.</summary>
    public string? WalletEvent { get; set; }
    public DateTime? WalletEventAt { get; set; }

    /// <summary>Not ended and not past its expiry (the card's validity): a verifier would show it green.</summary>
    public bool WorksAt(DateTime nowUtc) => EndedAt is null && ExpiresAt > nowUtc;

    /// <summary><see cref="WorksAt"/> for queries: the one rule the phone-change check and class batches use too.</summary>
    public static Expression<Func<IssuedMobileId, bool>> WorkingAt(DateTime nowUtc) => c => c.EndedAt == null && c.ExpiresAt > nowUtc;
}
