namespace Legitka.Codes;

/// <summary>
/// One slip's worth of activation: the one-time offer reference behind the QR code and the activation code
/// (OpenID4VCI <c>tx_code</c>). Both are kept only as keyed hashes (<see cref="CodeHasher"/>); the plain values
/// exist once, in the slips of the batch that made them.
/// </summary>
public sealed class ActivationOffer
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public Guid PupilId { get; init; }
    public Guid BatchId { get; init; }
    public required byte[] ReferenceHash { get; init; }
    public required byte[] ActivationCodeHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public OfferState State { get; set; } = OfferState.Open;
    /// <summary>Wrong activation codes typed so far; at <see cref="CodeRules.MaxFailedAttempts"/> the offer is void.</summary>
    public int FailedAttempts { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }

    /// <summary>
    /// When a redeemed offer that never got its credential was opened again; pre-authorized codes minted before
    /// then are refused (<see cref="Issuance.PreAuthorizedCodes"/>).
    /// </summary>
    public DateTime? ReopenedAt { get; set; }

    /// <summary>
    /// When a scan of this slip after it ended was last audited: at most once an hour, so that whoever holds a used
    /// slip's address cannot fill the audit log by fetching it.
    /// </summary>
    public DateTime? RefusedScanAuditedAt { get; set; }

    public DateTime? RedeemedAt { get; set; }
    /// <summary>When the access token of the redemption lapses; a slip whose credential never came opens again after it.</summary>
    public DateTime? AccessTokenExpiresAt { get; set; }
    public Guid? CredentialId { get; set; }
}

public enum OfferState
{
    /// <summary>Printed and waiting for the pupil.</summary>
    Open,
    /// <summary>The activation code was accepted; a credential follows on the same access token.</summary>
    Redeemed,
    /// <summary>Replaced by a newer code, or withdrawn by the school.</summary>
    Voided,
    /// <summary>Too many wrong activation codes.</summary>
    LockedOut,
}
