using Legitka.Codes;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Legitka.Issuance;

/// <summary>
/// Steps 1 and 2 of the pre-authorized code flow: the wallet fetches the offer behind the QR code (and gets a
/// short-lived pre-authorized code), then trades that code and the activation code for an access token.
/// </summary>
public sealed class Offers(LegitkaDbContext db, CodeHasher hasher, PreAuthorizedCodes codes, AccessTokens tokens)
{
    private static readonly CompiledPerModel<Func<LegitkaDbContext, Guid, CancellationToken, Task<ScannedOffer?>>> FindOffer =
        new(() => EF.CompileAsyncQuery((LegitkaDbContext db, Guid id, CancellationToken ct) => db.ActivationOffers.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => new ScannedOffer(o.Id, o.PupilId, o.SchoolId, o.ReferenceHash, o.State, o.ExpiresAt, o.EndReason, o.CredentialId,
                o.AccessTokenExpiresAt, o.ReopenedAt))
            .SingleOrDefault()));

    private static readonly CompiledPerModel<Func<LegitkaDbContext, Guid, CancellationToken, Task<ActivationOffer?>>> OfferById =
        new(() => EF.CompileAsyncQuery((LegitkaDbContext db, Guid id, CancellationToken ct) =>
            db.ActivationOffers.AsNoTracking().SingleOrDefault(o => o.Id == id)));

    /// <summary>What a scan needs of its offer.</summary>
    private sealed record ScannedOffer(Guid Id, Guid PupilId, Guid SchoolId, byte[] ReferenceHash, OfferState State, DateTime ExpiresAt,
        string? EndReason, Guid? CredentialId, DateTime? AccessTokenExpiresAt, DateTime? ReopenedAt);

    /// <param name="clientAddress">Who fetched it: a refused fetch of a known offer is audited with it.</param>
    public async Task<(FetchedOffer? Offer, OAuthError? Error)> FetchAsync(string reference, string? clientAddress, CancellationToken ct)
    {
        var offerId = OfferReference.OfferId(reference);
        var offer = offerId is null ? null : await FindOffer.For(db)(db, offerId.Value, ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        if (offer is null || !OfferReference.Proves(reference, offer.ReferenceHash, hasher))
        {
            return (null, new OAuthError("invalid_request", "Unknown credential offer.", 404));
        }

        if (offer is { State: OfferState.Redeemed, CredentialId: null } && offer.AccessTokenExpiresAt <= now && offer.ExpiresAt > now)
        {
            // The code was right but no credential followed before the access token lapsed (the phone died, the
            // network failed): the slip must not be burnt for that. It opens again, with its attempts as they were,
            // and pre-authorized codes minted before now stop working. Unless a newer code has been printed for the
            // pupil meanwhile: that one is the pupil's code now.
            var reopenedAt = WholeMillisecond(now);
            await db.ActivationOffers.Where(o => o.Id == offer.Id && o.State == OfferState.Redeemed && o.CredentialId == null
                    && !db.ActivationOffers.Any(n => n.PupilId == o.PupilId && n.State == OfferState.Open))
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OfferState.Open).SetProperty(o => o.RedeemedAt, (DateTime?)null)
                    .SetProperty(o => o.ReopenedAt, reopenedAt)
                    .SetProperty(o => o.AccessTokenExpiresAt, (DateTime?)null), ct);
            offer = await FindOffer.For(db)(db, offer.Id, ct)
                ?? throw new InvalidOperationException($"Offer {offer.Id} vanished while it was reopened.");
        }

        if (Ended(offer.State, offer.ExpiresAt, offer.EndReason, now) is { } ended)
        {
            await AuditRefusedScanAsync(offer.Id, offer.PupilId, offer.SchoolId, $"slip scanned, offer {Describe(offer.State, offer.ExpiresAt, now)}",
                clientAddress, now, ct);
            return (null, new OAuthError("invalid_request", ended, 410));
        }

        return (new FetchedOffer(codes.Mint(offer.Id, notBefore: offer.ReopenedAt)), null);
    }

    /// <summary>
    /// The school sees that an ended slip was still scanned — once an hour per slip: a used slip's address is in whoever's
    /// hands it was thrown into (or a link previewer's), and each audited scan is a write.
    /// </summary>
    private async Task AuditRefusedScanAsync(Guid offerId, Guid pupilId, Guid schoolId, string reason, string? clientAddress, DateTime now,
        CancellationToken ct)
    {
        var hourAgo = now - TimeSpan.FromHours(1);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.ActivationOffers.Where(o => o.Id == offerId && (o.RefusedScanAuditedAt == null || o.RefusedScanAuditedAt <= hourAgo))
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.RefusedScanAuditedAt, now), ct) == 1)
        {
            db.AuditLater(Audit.Actor.System, "activation.refused", "Pupil", pupilId, schoolId, new { offer = offerId, reason, ip = clientAddress });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }

    /// <param name="dpop">The DPoP key's thumbprint and the proof's jti, spent with the redemption or the counted failure.</param>
    public async Task<(IssuedAccessToken? Token, OAuthError? Error)> RedeemAsync(string preAuthorizedCode, string? activationCode,
        PresentedDpopProof? dpop, string? clientAddress, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var minted = codes.Read(preAuthorizedCode);
        var offer = minted is null ? null : await OfferById.For(db)(db, minted.OfferId, ct);
        if (offer is null || offer.ReopenedAt > minted!.MintedAt)
        {
            return (null, OAuthError.InvalidGrant("The pre-authorized code is unknown or expired; scan the QR code again."));
        }

        if (Ended(offer.State, offer.ExpiresAt, offer.EndReason, now) is { } ended)
        {
            return (null, await RefuseAsync(offer, $"offer {Describe(offer.State, offer.ExpiresAt, now)}", clientAddress, OAuthError.InvalidGrant(ended), ct));
        }

        if (string.IsNullOrEmpty(activationCode))
        {
            return (null, new OAuthError("invalid_request", "The activation code (tx_code) is required."));
        }

        // "4821 0937" as printed on the slip is the same code; anything that is not 8 digits cannot match and costs no attempt.
        var typed = activationCode.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (typed.Length != 8 || !typed.All(char.IsAsciiDigit))
        {
            return (null, await RefuseAsync(offer, "malformed activation code", clientAddress,
                OAuthError.InvalidGrant("The activation code is 8 digits, as printed on the slip."), ct));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (dpop is { Jti: var jti } && !await NonceService.TrySpendAsync(db, [jti], ct))
        {
            return (null, OAuthError.ReplayedDpopProof());
        }

        if (!hasher.Matches(HashPurpose.ActivationCode, typed, offer.ActivationCodeHash))
        {
            return (null, await CountFailureAsync(offer, now, clientAddress, transaction, ct));
        }

        // Issued at a whole millisecond, as reopenings are stamped: the credential endpoint compares the two. Never
        // before the code's minting, itself never before the reopening, whatever this node's clock says.
        var issuedAt = WholeMillisecond(now) > minted.MintedAt ? WholeMillisecond(now) : minted.MintedAt;
        var expiresAt = issuedAt + CodeRules.AccessTokenLifetime;
        // The one place an offer is redeemed: only one of any number of concurrent requests (from one scan or several)
        // matches the Open row.
        var redeemed = await db.ActivationOffers
            .Where(o => o.Id == offer.Id && o.State == OfferState.Open && o.ExpiresAt > now && (o.ReopenedAt == null || o.ReopenedAt <= minted.MintedAt))
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OfferState.Redeemed).SetProperty(o => o.RedeemedAt, now)
                .SetProperty(o => o.AccessTokenExpiresAt, expiresAt), ct);
        if (redeemed != 1)
        {
            return (null, OAuthError.InvalidGrant("This code has already been used."));
        }

        await transaction.CommitAsync(ct);
        var keyThumbprint = dpop?.KeyThumbprint;
        return (new IssuedAccessToken(tokens.Issue(offer.Id, offer.PupilId, offer.SchoolId, issuedAt, keyThumbprint), CodeRules.AccessTokenLifetime,
            keyThumbprint is not null), null);
    }

    /// <summary>Audits a refused attempt on a known offer (who tried, from where, why) and returns the error for the wallet.</summary>
    private async Task<OAuthError> RefuseAsync(ActivationOffer offer, string reason, string? clientAddress, OAuthError error, CancellationToken ct)
    {
        db.AuditLater(Audit.Actor.System, "activation.refused", "Pupil", offer.PupilId, offer.SchoolId, new { offer = offer.Id, reason, ip = clientAddress });
        await db.SaveChangesAsync(ct);
        return error;
    }

    private async Task<OAuthError> CountFailureAsync(ActivationOffer offer, DateTime now, string? clientAddress,
        IDbContextTransaction transaction, CancellationToken ct)
    {
        await db.ActivationOffers.Where(o => o.Id == offer.Id && o.State == OfferState.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.FailedAttempts, o => o.FailedAttempts + 1), ct);
        var failures = await db.ActivationOffers.Where(o => o.Id == offer.Id).Select(o => o.FailedAttempts).SingleAsync(ct);
        var lockedOut = failures >= CodeRules.MaxFailedAttempts;
        if (lockedOut)
        {
            await db.ActivationOffers.Where(o => o.Id == offer.Id && o.State == OfferState.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OfferState.LockedOut).SetProperty(o => o.EndedAt, now)
                    .SetProperty(o => o.EndReason, $"{CodeRules.MaxFailedAttempts} wrong activation codes"), ct);
        }

        db.AuditLater(Audit.Actor.System, lockedOut ? "activation.locked-out" : "activation.wrong-code", "Pupil", offer.PupilId, offer.SchoolId,
            new { offer = offer.Id, failures, ip = clientAddress });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var left = CodeRules.MaxFailedAttempts - failures;
        return OAuthError.InvalidGrant(lockedOut
            ? "Wrong activation code. Too many wrong codes: this code is now void; ask the school for a new one."
            : $"Wrong activation code; {left} attempt(s) left.") with { DpopProofSpent = true };
    }

    /// <summary>Reopenings, codes and tokens are stamped in whole milliseconds, so that they compare exactly.</summary>
    private static DateTime WholeMillisecond(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static string Describe(OfferState state, DateTime expiresAt, DateTime now) =>
        state == OfferState.Open && expiresAt <= now ? "expired" : state.ToString().ToLowerInvariant();

    private static string? Ended(OfferState state, DateTime expiresAt, string? reason, DateTime now) => state switch
    {
        OfferState.Voided => $"This code is void ({reason ?? "withdrawn"}); ask the school for the new one.",
        OfferState.LockedOut => "This code is void after too many wrong activation codes; ask the school for a new one.",
        OfferState.Redeemed => "This code has already been used.",
        OfferState.Open when expiresAt <= now => "This code has expired; ask the school for a new one.",
        OfferState.Open => null,
        _ => throw new InvalidOperationException($"Unknown offer state {state}."),
    };
}

public sealed record FetchedOffer(string PreAuthorizedCode);

public sealed record IssuedAccessToken(string Value, TimeSpan Lifetime, bool DpopBound);
