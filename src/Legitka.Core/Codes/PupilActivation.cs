namespace Legitka.Codes;

/// <summary>Where a pupil stands with the mLegitymacja, as a class list shows it: what the teacher or secretary acts on.</summary>
public enum ActivationStage
{
    /// <summary>No code was ever generated.</summary>
    NoCode,
    /// <summary>A slip waits to be used.</summary>
    CodeWaiting,
    /// <summary>The newest slip ran out unused: the pupil needs a new code.</summary>
    CodeExpired,
    /// <summary>Too many wrong activation codes on the newest slip: the pupil needs a new code.</summary>
    LockedOut,
    /// <summary>
    /// The newest slip's code was accepted but the phone did not collect its mLegitymacja (the wallet stopped between the
    /// two steps): scanning the slip again reopens it once the short-lived access token has lapsed.
    /// </summary>
    NotCollected,
    /// <summary>The newest slip was withdrawn (codes still open at an upgrade were), and no phone holds an mLegitymacja.</summary>
    CodeVoided,
    /// <summary>A phone holds a working mLegitymacja.</summary>
    Active,
    /// <summary>The mLegitymacja ended (deleted from the phone, expired, ended by the school) and no slip waits.</summary>
    Ended,
}

/// <param name="ActiveSince">When the phone now holding a working mLegitymacja got it; null when none does.</param>
/// <param name="LatestCode">The newest slip generated for the pupil, whatever became of it.</param>
/// <param name="LastEnded">When and why the newest mLegitymacja that no longer works ended.</param>
public sealed record PupilActivation(DateTime? ActiveSince, OfferView? LatestCode, (DateTime At, string? Reason)? LastEnded)
{
    public ActivationStage StageAt(DateTime nowUtc) => (ActiveSince, LatestCode) switch
    {
        ({ }, _) => ActivationStage.Active,
        (null, null) => ActivationStage.NoCode,
        (null, { State: OfferState.Open } code) => code.ExpiresAt > nowUtc ? ActivationStage.CodeWaiting : ActivationStage.CodeExpired,
        (null, { State: OfferState.LockedOut }) => ActivationStage.LockedOut,
        (null, { State: OfferState.Voided }) => ActivationStage.CodeVoided,
        (null, { State: OfferState.Redeemed, Collected: false } code) => code.ExpiresAt > nowUtc ? ActivationStage.NotCollected : ActivationStage.CodeExpired,
        (null, { State: OfferState.Redeemed }) => ActivationStage.Ended,
        _ => throw new InvalidOperationException($"Unknown offer state {LatestCode.State}."),
    };

    /// <summary>Stages after which the pupil needs a new slip from the secretary to get an mLegitymacja.</summary>
    public static bool NeedsNewCode(ActivationStage stage) => stage switch
    {
        ActivationStage.CodeExpired or ActivationStage.LockedOut or ActivationStage.CodeVoided or ActivationStage.Ended => true,
        _ => false,
    };

    /// <summary>A new slip waits while a phone still holds the mLegitymacja: the pupil is changing phones.</summary>
    public bool NewCodeWaitingAt(DateTime nowUtc) =>
        ActiveSince is { } since && LatestCode is { State: OfferState.Open } code && code.CreatedAt > since && code.ExpiresAt > nowUtc;
}
