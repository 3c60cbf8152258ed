namespace Legitka.Wallet;

/// <summary>The live status of a stored card, as <c>legitka-wallet show</c> prints it.</summary>
public enum CardStatus
{
    /// <summary>The credential verifies and the status list says VALID.</summary>
    Valid,

    /// <summary>Revoked (status INVALID, or any other non-VALID value of the list).</summary>
    Invalid,

    /// <summary>Suspended (status SUSPENDED).</summary>
    Suspended,

    /// <summary>The credential's <c>exp</c> has passed.</summary>
    Expired,

    /// <summary>The issuer's keys or the status list could not be fetched.</summary>
    Unreachable,

    /// <summary>Something does not verify (the credential, or the status list token); <see cref="CardStatusResult.Error"/> says what.</summary>
    Unverifiable,

    /// <summary>The credential has no status reference.</summary>
    NoStatus,
}

/// <param name="Error">A machine code (engine <c>ErrorCodes</c>, or <see cref="ActivationErrors"/> for network trouble), null when valid.</param>
public sealed record CardStatusResult(CardStatus Status, string? Error = null, string? Message = null)
{
    /// <summary>VALID, INVALID, SUSPENDED, EXPIRED, UNREACHABLE, UNVERIFIABLE or NO_STATUS.</summary>
    public string Label => Status switch
    {
        CardStatus.Valid => "VALID",
        CardStatus.Invalid => "INVALID",
        CardStatus.Suspended => "SUSPENDED",
        CardStatus.Expired => "EXPIRED",
        CardStatus.Unreachable => "UNREACHABLE",
        CardStatus.Unverifiable => "UNVERIFIABLE",
        CardStatus.NoStatus => "NO_STATUS",
    };
}
