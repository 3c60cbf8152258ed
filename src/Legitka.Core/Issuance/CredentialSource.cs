using Legitka.Applications;
using Legitka.Credentials.SdJwtVc;
using Legitka.Data;
using Legitka.Photos;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Issuance;

/// <summary>What the credential says, read from the registry at the moment of issuance: card, school, accepted photo.</summary>
public static class CredentialSource
{
    /// <summary>
    /// The claims, or what stands in the way now: the slip was printed days ago, and since then the pupil may have
    /// moved school, a guardian may have objected, the card may have been invalidated.
    /// </summary>
    public static async Task<(MobileIdClaims? Claims, string? Missing)> LoadAsync(LegitkaDbContext db, Guid schoolId, Guid pupilId, CancellationToken ct)
    {
        var today = WarsawCalendar.Today(db.Clock);
        var row = await (
            from p in db.Pupils
            where p.Id == pupilId
            join c in db.Classes on p.ClassId equals c.Id
            join s in db.Schools on p.SchoolId equals s.Id
            select new { Pupil = p, ClassName = c.Name, School = s }).AsNoTracking().SingleOrDefaultAsync(ct);
        if (row is null || row.Pupil.SchoolId != schoolId)
        {
            return (null, "the pupil is no longer in this school's register");
        }

        var policy = row.School.Policy;
        var wanted = policy == IssuancePolicy.OnApplication ? ApplicationKind.Application : ApplicationKind.Objection;
        var latest = await db.Applications.Where(a => a.PupilId == pupilId && a.Kind == wanted && a.State != ApplicationState.Withdrawn)
            .OrderByDescending(a => a.SubmittedAt).Select(a => (ApplicationState?)a.State).FirstOrDefaultAsync(ct);
        if (policy == IssuancePolicy.OnApplication ? latest != ApplicationState.Approved : latest == ApplicationState.Approved)
        {
            return (null, policy == IssuancePolicy.OnApplication ? "the application is no longer approved" : "a guardian has objected");
        }

        var card = await db.Cards.AsNoTracking().Where(c => c.PupilId == pupilId && c.InvalidatedAt == null && c.ValidUntil >= today)
            .OrderByDescending(c => c.IssueDate).FirstOrDefaultAsync(ct);
        if (card is null)
        {
            return (null, "the pupil has no valid card");
        }

        var portrait = await (
            from f in db.Photos
            where f.PupilId == pupilId && f.State == PhotoState.Accepted
            join c in db.PhotoContents on f.Id equals c.PhotoId
            select c.PortraitJpeg).FirstOrDefaultAsync(ct);
        if (portrait is null)
        {
            return (null, "the pupil has no accepted photo");
        }

        var pupil = row.Pupil;
        var school = new SchoolInfo(row.School.Name, PolishAddress.Parse(row.School.Address), row.School.Rspo);
        return (new MobileIdClaims(pupil.GivenNames, pupil.FamilyName, pupil.BirthDate, pupil.Pesel ?? "", PolishAddress.Parse(pupil.Address),
            card.Number, card.IssueDate, card.ValidUntil, school, portrait, ClassName: row.ClassName), null);
    }
}
