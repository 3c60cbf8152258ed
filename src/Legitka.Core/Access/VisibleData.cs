using Legitka.Accounts;
using Legitka.Data;
using Legitka.Registry;

namespace Legitka.Access;

/// <summary>
/// The only way the portal and the API reach registry data: queries already narrowed to what the viewer may
/// see. A record outside them answers 404, whether it exists or not, so ids cannot be probed.
/// </summary>
public static class VisibleData
{
    public static IQueryable<School> VisibleSchools(this LegitkaDbContext db, Viewer viewer)
    {
        var schools = viewer.SchoolsWith(Viewer.WholeSchool);
        return db.Schools.Where(s => schools.Contains(s.Id));
    }

    public static IQueryable<SchoolClass> VisibleClasses(this LegitkaDbContext db, Viewer viewer)
    {
        var schools = viewer.SchoolsWith(Viewer.WholeSchool);
        var teacherSchools = viewer.SchoolsWith(StaffRole.Teacher);
        var userId = viewer.UserId;
        return db.Classes.Where(c => schools.Contains(c.SchoolId)
            || (c.HomeroomTeacherId == userId && teacherSchools.Contains(c.SchoolId)));
    }

    public static IQueryable<Pupil> VisiblePupils(this LegitkaDbContext db, Viewer viewer)
    {
        var schools = viewer.SchoolsWith(Viewer.WholeSchool);
        var teacherSchools = viewer.SchoolsWith(StaffRole.Teacher);
        var userId = viewer.UserId;
        var email = viewer.ConfirmedEmail;
        return db.Pupils.Where(p => schools.Contains(p.SchoolId)
            || db.Classes.Any(c => c.Id == p.ClassId && c.HomeroomTeacherId == userId && teacherSchools.Contains(c.SchoolId))
            || (email != null && db.PupilGuardians.Any(g => g.PupilId == p.Id && g.Email == email)));
    }
}
