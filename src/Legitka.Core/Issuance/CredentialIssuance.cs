using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Legitka.Codes;
using Legitka.Credentials.SdJwtVc;
using Legitka.Credentials.StatusList;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Legitka.Issuance;

/// <summary>
/// The credential endpoint's work: the access token names the redeemed offer, the proof names the phone's key,
/// the registry gives the data; one transaction spends the nonce, records the credential on a fresh status
/// index, ends the pupil's older phones beyond the school's limit, and audits the activation.
/// </summary>
public sealed class CredentialIssuance(
    LegitkaDbContext db,
    CodeHasher hasher,
    AccessTokens tokens,
    ProofOfPossession proofs,
    IssuerKeyStore keys,
    StatusLists statusLists,
    IOptions<LegitkaOptions> options)
{
    /// <param name="dpop">The DPoP key's thumbprint and the proof's jti, spent with the credential's record.</param>
    public async Task<(IssuedCredentialResponse? Response, OAuthError? Error)> IssueAsync(string accessToken, PresentedDpopProof? dpop,
        CredentialRequest request, CancellationToken ct)
    {
        var (offer, tokenError) = tokens.Read(accessToken, dpop?.KeyThumbprint);
        if (offer is null)
        {
            return (null, tokenError);
        }

        if (request.ConfigurationId != CodeRules.ConfigurationId)
        {
            return (null, new OAuthError("unknown_credential_configuration", $"This issuer offers only '{CodeRules.ConfigurationId}'."));
        }

        if (request.Proofs is not [var proof])
        {
            return (null, new OAuthError("invalid_proof", "Exactly one jwt proof is required."));
        }

        var issuerId = options.Value.IssuerId;
        var check = proofs.Check(proof, issuerId);
        if (check.HolderKey is null)
        {
            return (null, new OAuthError(check.Error!, check.Description!));
        }

        var (claims, devices, missing, tokenSpent) = await CredentialSource.LoadAsync(db, offer, ct);
        if (tokenSpent)
        {
            return (null, NoCredentialOnThisToken);
        }

        if (claims is null)
        {
            return (null, new OAuthError("credential_request_denied", $"The school cannot issue the credential now: {missing}."));
        }

        var ring = await keys.GetRingAsync(ct);
        var issuer = new MobileIdCredentialIssuer(ring.ActiveSigner, issuerId, db.Clock);
        var notificationId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var slot = await statusLists.AllocateAsync(ct);
        var credential = issuer.Issue(claims, check.HolderKey, new StatusReference(slot.Index, statusLists.ListUri(slot.ListId))).ToString();
        var (outcome, ended) = await RecordAsync(offer, claims, check, dpop?.Jti, slot, notificationId, devices, ct);
        switch (outcome)
        {
            case RecordOutcome.NonceSpent:
                // Or the DPoP proof's jti was: the endpoint, spending a refused request's proof, finds that and says so.
                return (null, new OAuthError("invalid_nonce", "The proof's nonce has already been used; get a fresh c_nonce."));
            case RecordOutcome.AlreadyIssued:
                return (null, NoCredentialOnThisToken);
        }

        if (ended.Count > 0)
        {
            statusLists.Invalidate(ended);
        }

        return (new IssuedCredentialResponse(credential, notificationId), null);
    }

    private static readonly OAuthError NoCredentialOnThisToken = new("credential_request_denied",
        "No credential on this access token: one has already been issued, or the slip has been opened again since.");

    /// <summary>The wallet's notification: accepted, failed, or deleted by the holder (the last two end the credential).</summary>
    public async Task<OAuthError?> NotifyAsync(string accessToken, PresentedDpopProof? dpop, string notificationId, string walletEvent,
        CancellationToken ct)
    {
        var (offer, tokenError) = tokens.Read(accessToken, dpop?.KeyThumbprint);
        if (offer is null)
        {
            return tokenError;
        }

        if (walletEvent is not ("credential_accepted" or "credential_failure" or "credential_deleted"))
        {
            return new OAuthError("invalid_notification_request", "event must be credential_accepted, credential_failure or credential_deleted.");
        }

        var hash = hasher.Hash(HashPurpose.NotificationId, notificationId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (dpop is { Jti: var jti } && !await NonceService.TrySpendAsync(db, [jti], ct))
        {
            return OAuthError.ReplayedDpopProof(401);
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var ofThisOffer = db.IssuedMobileIds.Where(c => c.NotificationIdHash == hash && c.OfferId == offer.OfferId);
        if (walletEvent == "credential_accepted")
        {
            // Every activation ends with this one, and it ends nothing: one statement. (An offer gives one credential,
            // so the offer names it in the audit log.)
            if (await ofThisOffer.ExecuteUpdateAsync(u => u.SetProperty(c => c.WalletEvent, walletEvent).SetProperty(c => c.WalletEventAt, now), ct) == 0)
            {
                return UnknownNotificationId;
            }

            db.AuditLater(Audit.Actor.System, "mobileid.credential-accepted", "Pupil", offer.PupilId, offer.SchoolId, new { offer = offer.OfferId });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }

        var credential = await ofThisOffer.SingleOrDefaultAsync(ct);
        if (credential is null)
        {
            return UnknownNotificationId;
        }

        credential.WalletEvent = walletEvent;
        credential.WalletEventAt = now;
        var endsIt = credential.EndedAt is null;
        if (endsIt)
        {
            // A wallet that failed to store it, or a holder who deleted it, holds no card: it must not count as a phone.
            credential.EndedAt = now;
            credential.EndReason = walletEvent == "credential_failure" ? "the wallet could not store it" : "deleted from the phone";
        }

        db.AuditLater(Audit.Actor.System, $"mobileid.{walletEvent.Replace('_', '-')}", "Pupil", credential.PupilId, credential.SchoolId,
            new { offer = offer.OfferId, credential = credential.Id });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (endsIt)
        {
            statusLists.Invalidate([credential.StatusListId]);
        }

        return null;
    }

    /// <summary>
    /// The pupil's working credentials but the newest <c>keep</c>: they end when a new one is issued, so they are tracked
    /// whatever the context's default (a compiled query keeps the tracking of the context it first ran with).
    /// </summary>
    private static readonly CompiledPerModel<Func<LegitkaDbContext, Guid, int, IAsyncEnumerable<IssuedMobileId>>> BeyondTheLimit =
        new(() => EF.CompileAsyncQuery((LegitkaDbContext db, Guid pupilId, int keep) =>
            db.IssuedMobileIds.AsTracking().Where(c => c.PupilId == pupilId && c.EndedAt == null).OrderByDescending(c => c.IssuedAt).Skip(keep)));

    private static readonly OAuthError UnknownNotificationId = new("invalid_notification_id", "Unknown notification_id.");

    private enum RecordOutcome
    {
        Recorded,
        NonceSpent,
        AlreadyIssued,
    }

    /// <summary>Records the credential; on success also the status lists in which an older credential ended.</summary>
    private async Task<(RecordOutcome Outcome, List<int> EndedLists)> RecordAsync(AccessTokenClaims offer, MobileIdClaims claims, ProofCheck check,
        OneTimeValue? dpopJti, StatusSlot slot, string notificationId, int devices, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The proof's nonce and the DPoP proof's jti in one statement; if the jti was the one spent before, the endpoint
        // finds that out after the rollback, when it spends the refused request's proof.
        if (!await NonceService.TrySpendAsync(db, dpopJti is null ? [check.Nonce!] : [check.Nonce!, dpopJti], ct))
        {
            return (RecordOutcome.NonceSpent, []);
        }

        var credential = new IssuedMobileId
        {
            SchoolId = offer.SchoolId,
            PupilId = offer.PupilId,
            OfferId = offer.OfferId,
            CardNumber = claims.DocumentNumber,
            StatusListId = slot.ListId,
            StatusIndex = slot.Index,
            KeyThumbprint = check.HolderKey!.Thumbprint(),
            IssuedAt = now,
            ExpiresAt = PolishTime.EndOf(claims.ExpiryDate).UtcDateTime,
            NotificationIdHash = hasher.Hash(HashPurpose.NotificationId, notificationId),
        };
        // The token is genuine and unexpired; this is where the offer must still be the one it redeemed: no credential
        // yet, and not opened again since (which makes a lapsed token's successor the only valid one).
        // (Pupil and school are matched too: a token names them, but only the register says whose offer it is.)
        var claimed = await db.ActivationOffers.Where(o => o.Id == offer.OfferId && o.PupilId == offer.PupilId && o.SchoolId == offer.SchoolId
                && o.State == OfferState.Redeemed && o.CredentialId == null && (o.ReopenedAt == null || o.ReopenedAt <= offer.IssuedAt))
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.CredentialId, credential.Id), ct);
        if (claimed == 0)
        {
            return (RecordOutcome.AlreadyIssued, []);
        }

        // One phone per pupil (or the school's number): the newest activations stay, older ones end. The pupil's row
        // is locked first, so two activations of one pupil at once take turns and the second sees the first.
        await db.Pupils.Where(p => p.Id == offer.PupilId).ExecuteUpdateAsync(u => u.SetProperty(p => p.UpdatedAt, p => p.UpdatedAt), ct);
        var older = await BeyondTheLimit.For(db)(db, offer.PupilId, Math.Max(0, devices - 1)).ToListAsync(ct);
        foreach (var old in older)
        {
            old.EndedAt = now;
            old.EndReason = "activated on another phone";
        }

        db.IssuedMobileIds.Add(credential);
        db.AuditLater(Audit.Actor.System, Notifications.ActivationNotices.ActivatedAction, "Pupil", offer.PupilId, offer.SchoolId,
            new { credential = credential.Id, offer = offer.OfferId, key = credential.KeyThumbprint, ended = older.Select(o => o.Id) });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (RecordOutcome.Recorded, [.. older.Select(o => o.StatusListId).Distinct()]);
    }
}

public sealed record CredentialRequest(string? ConfigurationId, IReadOnlyList<string> Proofs)
{
    /// <summary>Reads an OpenID4VCI 1.0 credential request (<c>proofs.jwt</c>; the drafts' single <c>proof</c> too).</summary>
    public static CredentialRequest? TryRead(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var id = body.TryGetProperty("credential_configuration_id", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var proofs = new List<string>();
        if (body.TryGetProperty("proofs", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("jwt", out var jwts) && jwts.ValueKind == JsonValueKind.Array)
        {
            proofs.AddRange(jwts.EnumerateArray().Where(j => j.ValueKind == JsonValueKind.String).Select(j => j.GetString()!));
        }
        else if (body.TryGetProperty("proof", out var single) && single.ValueKind == JsonValueKind.Object
            && single.TryGetProperty("jwt", out var jwt) && jwt.ValueKind == JsonValueKind.String)
        {
            proofs.Add(jwt.GetString()!);
        }

        return new CredentialRequest(id, proofs);
    }
}

public sealed record IssuedCredentialResponse(string Credential, string NotificationId);
