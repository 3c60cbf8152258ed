using Legitka.Accounts;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Applications;
using Legitka.Photos;
using Legitka.Readiness;
using Legitka.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Demo;

/// <summary>Seeds a demo school with three classes and one account per role, only into an empty database.</summary>
public sealed class DemoSeeder(LegitkaDbContext db, UserManager<LegitkaUser> users)
{
    public const string Password = "Legitka-demo-2026";

    public static readonly IReadOnlyList<DemoLogin> Logins =
    [
        new("sekretariat@sp7.legitka.test", "Sekretarz szkoły / secretary"),
        new("dyrektor@sp7.legitka.test", "Dyrektor / director"),
        new("wychowawca.6a@sp7.legitka.test", "Wychowawca 6A / homeroom teacher"),
        new("wychowawca.7b@sp7.legitka.test", "Wychowawca 7B / homeroom teacher"),
        new("wychowawca.8c@sp7.legitka.test", "Wychowawca 8C / homeroom teacher"),
        new("wychowawca.8d@sp7.legitka.test", "Wychowawca 8D (klasa gotowa do kodów) / homeroom teacher, class ready for codes"),
        new("rodzic@legitka.test", "Rodzic dwójki dzieci (6A i 7B) / guardian"),
        new("operator@legitka.test", "Operator wdrożenia / operator"),
    ];

    /// <returns>False when the database already holds data and nothing was seeded.</returns>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Schools.AnyAsync(ct) || await db.Users.AnyAsync(ct))
        {
            return false;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var today = WarsawCalendar.Today(db.Clock);
        var validUntil = WarsawCalendar.NextSeptember30(today);
        var school = new School
        {
            Name = "Szkoła Podstawowa nr 7 im. Marii Skłodowskiej-Curie w Warszawie",
            Rspo = "987654",
            Address = "ul. Świętokrzyska 12, 00-044 Warszawa",
            CreatedAt = now,
            // The demo's phone is the reference wallet (README: "From codes to a phone in a minute").
            WalletApp = "legitka-wallet",
        };
        // Accounts first: the user store saves on its own, and the school's records should land in one save.
        var secretary = await CreateUserAsync(Logins[0].Email, "Grażyna Wiśniewska");
        var director = await CreateUserAsync(Logins[1].Email, "dr Tadeusz Żółkiewski");
        var teachers = new[]
        {
            await CreateUserAsync(Logins[2].Email, "Anna Łęcka"),
            await CreateUserAsync(Logins[3].Email, "Piotr Świątek"),
            await CreateUserAsync(Logins[4].Email, "Małgorzata Kędzierska"),
            await CreateUserAsync(Logins[5].Email, "Jerzy Ślusarczyk"),
        };
        var guardian = await CreateUserAsync(Logins[6].Email, "Katarzyna Dąbrowska");
        var operatorUser = await CreateUserAsync(Logins[7].Email, "Operator Legitki");

        db.Schools.Add(school);
        AddMembership(secretary, school, StaffRole.Secretary);
        AddMembership(director, school, StaffRole.Director);
        AddMembership(operatorUser, school, StaffRole.Operator);
        foreach (var teacher in teachers)
        {
            AddMembership(teacher, school, StaffRole.Teacher);
        }

        var random = new Random(2026);
        // 8D is the class a new user can take straight to codes: applications approved, photos accepted, reported ready.
        var classNames = new[] { "6A", "7B", "8C", "8D" };
        var cardSerial = 0;
        var pupilSerial = 0;
        for (var c = 0; c < classNames.Length; c++)
        {
            var schoolClass = new SchoolClass { SchoolId = school.Id, Name = classNames[c], HomeroomTeacherId = teachers[c].Id };
            db.Classes.Add(schoolClass);
            var birthYear = today.Year - 12 - Math.Min(c, 2) - (today.Month >= 9 ? 0 : 1);
            var ready = classNames[c] == "8D";
            for (var i = 0; i < 25; i++)
            {
                var isGirl = random.Next(2) == 0;
                var surname = DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)];
                var givenName = isGirl
                    ? DemoNames.GirlNames[random.Next(DemoNames.GirlNames.Length)]
                    : DemoNames.BoyNames[random.Next(DemoNames.BoyNames.Length)];
                // The guardian's two children: the first pupil of 6A and of 7B share the family name.
                var familyName = i == 0 && c < 2 ? (isGirl ? "Dąbrowska" : "Dąbrowski") : isGirl ? surname.Female : surname.Male;
                var birthDate = new DateOnly(birthYear, 1, 1).AddDays(random.Next(365));
                var serial = ++pupilSerial * 10 % 10000 + (isGirl ? random.Next(5) * 2 : random.Next(5) * 2 + 1);
                var pupil = new Pupil
                {
                    SchoolId = school.Id,
                    ClassId = schoolClass.Id,
                    GivenNames = givenName,
                    FamilyName = familyName,
                    Pesel = Pesel.Create(birthDate, serial),
                    BirthDate = birthDate,
                    Address = $"{DemoNames.Streets[random.Next(DemoNames.Streets.Length)]} {random.Next(1, 120)}/{random.Next(1, 40)}, 00-{random.Next(100, 999)} Warszawa",
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Pupils.Add(pupil);
                db.Cards.Add(new Card
                {
                    SchoolId = school.Id,
                    PupilId = pupil.Id,
                    Number = $"SP7/{today.Year}/{++cardSerial:D4}",
                    IssueDate = new DateOnly(validUntil.Year - 1, 9, 1),
                    ValidUntil = validUntil,
                });
                if (i == 0 && c < 2)
                {
                    db.PupilGuardians.Add(new PupilGuardian { PupilId = pupil.Id, Email = guardian.Email! });
                }

                if (ready)
                {
                    AddReadyPupil(pupil, director, teachers[c], now, pupilSerial);
                }
            }

            if (ready)
            {
                db.ReadinessReports.Add(new ClassReadinessReport
                {
                    SchoolId = school.Id, ClassId = schoolClass.Id, ReportedById = teachers[c].Id, ReportedByName = teachers[c].DisplayName,
                    ReportedAt = now, LeftOutPupilIds = "[]", ReadyPupils = 25,
                });
            }
        }

        db.Audit(Actor.System, "demo.seeded", nameof(School), school.Id, school.Id, new { classes = classNames, pupils = pupilSerial });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A paper application approved by the director and a drawn photo accepted by the homeroom teacher.</summary>
    private void AddReadyPupil(Pupil pupil, LegitkaUser director, LegitkaUser teacher, DateTime now, int seed)
    {
        db.Applications.Add(new MobileIdApplication
        {
            SchoolId = pupil.SchoolId, PupilId = pupil.Id, Kind = ApplicationKind.Application, Source = ApplicationSource.Paper,
            SubmittedByName = "sekretariat (wniosek papierowy)", SubmittedAt = now, State = ApplicationState.Approved,
            DecidedById = director.Id, DecidedByName = director.DisplayName, DecidedAt = now,
        });
        var (jpeg, portrait) = DemoPortrait.Create(seed);
        var photo = new PupilPhoto
        {
            SchoolId = pupil.SchoolId, PupilId = pupil.Id, State = PhotoState.Accepted, Source = PhotoSource.Staff,
            UploadedByName = "demo", UploadedAt = now, Width = 492, Height = 633,
            ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg)),
            ReviewedById = teacher.Id, ReviewedByName = teacher.DisplayName, ReviewedAt = now,
        };
        db.Photos.Add(photo);
        db.PhotoContents.Add(new PhotoContent { PhotoId = photo.Id, Jpeg = jpeg, PortraitJpeg = portrait });
    }

    private async Task<LegitkaUser> CreateUserAsync(string email, string displayName)
    {
        var user = new LegitkaUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        return user;
    }

    private void AddMembership(LegitkaUser user, School school, StaffRole role) =>
        db.StaffMemberships.Add(new StaffMembership { UserId = user.Id, SchoolId = school.Id, Role = role });
}

public sealed record DemoLogin(string Email, string Role);
