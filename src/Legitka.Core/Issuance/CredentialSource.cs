using Legitka.Applications;
using Legitka.Codes;
using Legitka.Credentials.SdJwtVc;
using Legitka.Data;
using Legitka.Photos;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Issuance;

/// <summary>What the credential says, read from the registry at the moment of issuance: card, school, accepted photo.</summary>
public static class CredentialSource
{
    private static readonly CompiledPerModel<Func<LegitkaDbContext, Guid, Guid, Guid, DateTime, CancellationToken, Task<CredentialRegistryRow?>>> RegistryRow =
        new(() => EF.CompileAsyncQuery((LegitkaDbContext db, Guid pupilId, Guid offerId, Guid schoolId, DateTime tokenIssuedAt, CancellationToken ct) => (
            from p in db.Pupils.AsNoTracking()
            where p.Id == pupilId
            join c in db.Classes on p.ClassId equals c.Id
            join s in db.Schools on p.SchoolId equals s.Id
            select new CredentialRegistryRow(
                p,
                c.Name,
                s,
                db.Applications
                    .Where(a => a.PupilId == p.Id && a.Kind == ApplicationKind.Application && a.State != ApplicationState.Withdrawn)
                    .OrderByDescending(a => a.SubmittedAt).Select(a => (ApplicationState?)a.State).FirstOrDefault(),
                db.Applications
                    .Where(a => a.PupilId == p.Id && a.Kind == ApplicationKind.Objection && a.State != ApplicationState.Withdrawn)
                    .OrderByDescending(a => a.SubmittedAt).Select(a => (ApplicationState?)a.State).FirstOrDefault(),
                (
                    from f in db.Photos
                    where f.PupilId == p.Id && f.State == PhotoState.Accepted
                    join content in db.PhotoContents on f.Id equals content.PhotoId
                    select content.PortraitJpeg).FirstOrDefault(),
                db.ActivationOffers.Any(o => o.Id == offerId && o.PupilId == p.Id && o.SchoolId == schoolId
                    && o.State == OfferState.Redeemed && o.CredentialId == null && (o.ReopenedAt == null || o.ReopenedAt <= tokenIssuedAt))))
            .SingleOrDefault()));

    private static readonly CompiledPerModel<Func<LegitkaDbContext, Guid, DateOnly, CancellationToken, Task<Card?>>> ValidCard =
        new(() => EF.CompileAsyncQuery((LegitkaDbContext db, Guid pupilId, DateOnly today, CancellationToken ct) =>
            db.Cards.AsNoTracking().Where(c => c.PupilId == pupilId && c.InvalidatedAt == null && c.ValidUntil >= today)
                .OrderByDescending(c => c.IssueDate).FirstOrDefault()));

    /// <summary>
    /// The claims (and how many phones the school allows), or what stands in the way now: the slip was printed days
    /// ago, and since then the pupil may have moved school, a guardian may have objected, the card may have been
    /// invalidated. Two queries: this runs in every activation.
    /// </summary>
    /// <remarks>
    /// The first query also asks whether the token's offer still awaits its credential, so that a repeated request
    /// (or a replayed one) is refused before it takes a status-list entry and a signature. The recording's
    /// <c>UPDATE</c> decides in the end; this only spares the work in the common case.
    /// </remarks>
    public static async Task<CredentialSourceResult> LoadAsync(LegitkaDbContext db, AccessTokenClaims token, CancellationToken ct)
    {
        var (schoolId, pupilId) = (token.SchoolId, token.PupilId);
        var today = WarsawCalendar.Today(db.Clock);
        var row = await RegistryRow.For(db)(db, pupilId, token.OfferId, token.SchoolId, token.IssuedAt, ct);
        if (row is null || row.Pupil.SchoolId != schoolId)
        {
            return CredentialSourceResult.Missing("the pupil is no longer in this school's register");
        }

        if (!row.AwaitsCredential)
        {
            return CredentialSourceResult.AlreadyIssued;
        }

        var devices = row.School.DevicesPerPupil;
        if (row.School.Policy == IssuancePolicy.OnApplication ? row.Application != ApplicationState.Approved : row.Objection == ApplicationState.Approved)
        {
            return CredentialSourceResult.Missing(row.School.Policy == IssuancePolicy.OnApplication ? "the application is no longer approved" : "a guardian has objected");
        }

        if (row.Portrait is null)
        {
            return CredentialSourceResult.Missing("the pupil has no accepted photo");
        }

        var card = await ValidCard.For(db)(db, pupilId, today, ct);
        if (card is null)
        {
            return CredentialSourceResult.Missing("the pupil has no valid card");
        }

        var pupil = row.Pupil;
        var school = new SchoolInfo(row.School.Name, PolishAddress.Parse(row.School.Address), row.School.Rspo);
        return new CredentialSourceResult(new MobileIdClaims(pupil.GivenNames, pupil.FamilyName, pupil.BirthDate, pupil.Pesel ?? "",
            PolishAddress.Parse(pupil.Address), card.Number, card.IssueDate, card.ValidUntil, school, row.Portrait, ClassName: row.ClassName),
            devices, null, false);
    }
}

/// <summary>The pupil's row with what decides whether a credential may be issued now.</summary>
internal sealed record CredentialRegistryRow(Pupil Pupil, string ClassName, School School, ApplicationState? Application,
    ApplicationState? Objection, byte[]? Portrait, bool AwaitsCredential);

/// <summary>The claims and the school's phone limit; or what the register lacks now; or that the token has had its credential.</summary>
public sealed record CredentialSourceResult(MobileIdClaims? Claims, int DevicesPerPupil, string? MissingWhat, bool TokenSpent)
{
    public static CredentialSourceResult Missing(string what) => new(null, 0, what, false);

    public static readonly CredentialSourceResult AlreadyIssued = new(null, 0, null, true);
}
