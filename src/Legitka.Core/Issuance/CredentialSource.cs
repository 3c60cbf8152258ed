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
    /// The claims (and how many phones the school allows), or what stands in the way now: the slip was printed days
    /// ago, and since then the pupil may have moved school, a guardian may have objected, the card may have been
    /// invalidated. Two queries: this runs in every activation.
    /// </summary>
    public static async Task<(MobileIdClaims? Claims, int DevicesPerPupil, string? Missing)> LoadAsync(
        LegitkaDbContext db, Guid schoolId, Guid pupilId, CancellationToken ct)
    {
        var today = WarsawCalendar.Today(db.Clock);
        var row = await (
            from p in db.Pupils
            where p.Id == pupilId
            join c in db.Classes on p.ClassId equals c.Id
            join s in db.Schools on p.SchoolId equals s.Id
            select new
            {
                Pupil = p,
                ClassName = c.Name,
                School = s,
                Application = db.Applications
                    .Where(a => a.PupilId == p.Id && a.Kind == ApplicationKind.Application && a.State != ApplicationState.Withdrawn)
                    .OrderByDescending(a => a.SubmittedAt).Select(a => (ApplicationState?)a.State).FirstOrDefault(),
                Objection = db.Applications
                    .Where(a => a.PupilId == p.Id && a.Kind == ApplicationKind.Objection && a.State != ApplicationState.Withdrawn)
                    .OrderByDescending(a => a.SubmittedAt).Select(a => (ApplicationState?)a.State).FirstOrDefault(),
                Portrait = (
                    from f in db.Photos
                    where f.PupilId == p.Id && f.State == PhotoState.Accepted
                    join content in db.PhotoContents on f.Id equals content.PhotoId
                    select content.PortraitJpeg).FirstOrDefault(),
            }).AsNoTracking().SingleOrDefaultAsync(ct);
        if (row is null || row.Pupil.SchoolId != schoolId)
        {
            return (null, 0, "the pupil is no longer in this school's register");
        }

        var devices = row.School.DevicesPerPupil;
        if (row.School.Policy == IssuancePolicy.OnApplication ? row.Application != ApplicationState.Approved : row.Objection == ApplicationState.Approved)
        {
            return (null, devices, row.School.Policy == IssuancePolicy.OnApplication ? "the application is no longer approved" : "a guardian has objected");
        }

        if (row.Portrait is null)
        {
            return (null, devices, "the pupil has no accepted photo");
        }

        var card = await db.Cards.AsNoTracking().Where(c => c.PupilId == pupilId && c.InvalidatedAt == null && c.ValidUntil >= today)
            .OrderByDescending(c => c.IssueDate).FirstOrDefaultAsync(ct);
        if (card is null)
        {
            return (null, devices, "the pupil has no valid card");
        }

        var pupil = row.Pupil;
        var school = new SchoolInfo(row.School.Name, PolishAddress.Parse(row.School.Address), row.School.Rspo);
        return (new MobileIdClaims(pupil.GivenNames, pupil.FamilyName, pupil.BirthDate, pupil.Pesel ?? "", PolishAddress.Parse(pupil.Address),
            card.Number, card.IssueDate, card.ValidUntil, school, row.Portrait, ClassName: row.ClassName), devices, null);
    }
}
