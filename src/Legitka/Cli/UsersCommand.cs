using System.CommandLine;
using System.Security.Cryptography;
using Legitka.Accounts;
using Legitka.Audit;
using Legitka.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Cli;

/// <summary>`legitka users add`: the first secretary of a school (and later anyone) gets an account.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var email = new Argument<string>("email") { Description = "Sign-in e-mail address." };
        var name = new Option<string>("--name") { Required = true, Description = "Name shown in the portal and the audit log." };
        var role = new Option<string>("--role") { Required = true, Description = "secretary, director, teacher, operator or guardian." };
        role.AcceptOnlyFromAmong("secretary", "director", "teacher", "operator", "guardian");
        var school = new Option<string>("--school") { Description = "RSPO number of the school (staff roles)." };
        var homeroom = new Option<string>("--class") { Description = "For a teacher: the class they are homeroom teacher of." };
        var add = new Command("add", "Create an account; prints a one-time password to hand over.") { email, name, role, school, homeroom };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct, services => services.AddIdentityCore<LegitkaUser>(IdentityPolicy.Apply)
                .AddEntityFrameworkStores<LegitkaDbContext>());
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LegitkaUser>>();
            var roleName = parse.GetValue(role)!;
            var staffRole = roleName switch
            {
                "secretary" => StaffRole.Secretary,
                "director" => StaffRole.Director,
                "teacher" => StaffRole.Teacher,
                "operator" => StaffRole.Operator,
                _ => (StaffRole?)null,
            };
            var target = staffRole is null ? null : await CliHost.ResolveSchoolAsync(db, parse.GetValue(school), ct);
            if (staffRole is not null && target is null)
            {
                return 1;
            }

            var className = parse.GetValue(homeroom)?.Trim().ToUpperInvariant();
            var schoolClass = className is null || target is null
                ? null
                : await db.Classes.SingleOrDefaultAsync(c => c.SchoolId == target.Id && c.Name == className, ct);
            if (className is not null && schoolClass is null)
            {
                await Console.Error.WriteLineAsync($"error: no class {className} in that school (import the pupils first).");
                return 1;
            }

            var address = parse.GetValue(email)!.Trim().ToLowerInvariant();
            var password = OneTimePassword();
            var user = new LegitkaUser { UserName = address, Email = address, EmailConfirmed = true, DisplayName = parse.GetValue(name)!.Trim() };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                await Console.Error.WriteLineAsync("error: " + string.Join(" ", created.Errors.Select(e => e.Description)));
                return 1;
            }

            if (staffRole is { } r && target is not null)
            {
                db.StaffMemberships.Add(new StaffMembership { UserId = user.Id, SchoolId = target.Id, Role = r });
            }

            if (schoolClass is not null)
            {
                schoolClass.HomeroomTeacherId = user.Id;
            }

            db.Audit(Actor.Cli(), "user.created", "User", user.Id, target?.Id, new { email = address, role = roleName, homeroom = schoolClass?.Name });
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"created {address} ({roleName}); one-time password: {password}");
            Console.WriteLine("Hand it over in person; the user should turn on two-step sign-in under \"Bezpieczeństwo konta\".");
            return 0;
        });
        return new Command("users", "Portal accounts.") { add };
    }

    /// <summary>16 characters without look-alikes (l/1, O/0), drawn until they meet the policy's digit, lower and upper case rule.</summary>
    private static string OneTimePassword()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
            if (password.Any(char.IsAsciiDigit) && password.Any(char.IsAsciiLetterLower) && password.Any(char.IsAsciiLetterUpper))
            {
                return password;
            }
        }
    }
}
