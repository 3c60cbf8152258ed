using Legitka.Accounts;
using Legitka.Data;
using Legitka.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Infrastructure;

/// <summary>The demo school (A) plus a second school (B) with its own staff, class, pupil and guardian.</summary>
public sealed record TwoSchools(
    School A, SchoolClass A6, SchoolClass A7, SchoolClass A8, Pupil GuardiansChild, Pupil OtherPupilIn6A, Pupil PupilIn8C,
    School B, SchoolClass B1, Pupil PupilInB)
{
    public const string SecretaryB = "sekretariat@lo3.legitka.test";
    public const string TeacherB = "wychowawca.1a@lo3.legitka.test";
    public const string GuardianB = "rodzic.b@legitka.test";

    public static async Task<TwoSchools> CreateAsync(TestApp app)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LegitkaUser>>();

        var b = new School { Name = "III Liceum Ogólnokształcące", Rspo = "111222", Address = "ul. Źródlana 1, 30-001 Kraków" };
        db.Schools.Add(b);
        await db.SaveChangesAsync();
        var secretary = await CreateUserAsync(users, SecretaryB);
        var teacher = await CreateUserAsync(users, TeacherB);
        await CreateUserAsync(users, GuardianB);
        db.StaffMemberships.Add(new StaffMembership { UserId = secretary.Id, SchoolId = b.Id, Role = StaffRole.Secretary });
        db.StaffMemberships.Add(new StaffMembership { UserId = teacher.Id, SchoolId = b.Id, Role = StaffRole.Teacher });
        var b1 = new SchoolClass { SchoolId = b.Id, Name = "1A", HomeroomTeacherId = teacher.Id };
        db.Classes.Add(b1);
        var birth = new DateOnly(2009, 2, 3);
        var pupilB = new Pupil
        {
            SchoolId = b.Id, ClassId = b1.Id, GivenNames = "Bartosz", FamilyName = "Źdźbło", Pesel = Pesel.Create(birth, 4441),
            BirthDate = birth, Address = "ul. Tajna 9, 30-002 Kraków",
        };
        db.Pupils.Add(pupilB);
        db.PupilGuardians.Add(new PupilGuardian { PupilId = pupilB.Id, Email = GuardianB });
        await db.SaveChangesAsync();

        var a = await db.Schools.SingleAsync(s => s.Rspo == "987654");
        var classes = await db.Classes.Where(c => c.SchoolId == a.Id).OrderBy(c => c.Name).ToListAsync();
        var child = await db.Pupils.FirstAsync(p => p.ClassId == classes[0].Id && db.PupilGuardians.Any(g => g.PupilId == p.Id));
        var other = await db.Pupils.FirstAsync(p => p.ClassId == classes[0].Id && p.Id != child.Id);
        var in8C = await db.Pupils.FirstAsync(p => p.ClassId == classes[2].Id);
        return new TwoSchools(a, classes[0], classes[1], classes[2], child, other, in8C, b, b1, pupilB);
    }

    private static async Task<LegitkaUser> CreateUserAsync(UserManager<LegitkaUser> users, string email)
    {
        var user = new LegitkaUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var result = await users.CreateAsync(user, Demo.DemoSeeder.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }
}
