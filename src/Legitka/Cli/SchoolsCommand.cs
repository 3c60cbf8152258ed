using System.CommandLine;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Cli;

/// <summary>`legitka schools add|list`: how a deployment gets its schools before the first import.</summary>
internal static class SchoolsCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Required = true, Description = "Full name of the school." };
        var rspo = new Option<string>("--rspo") { Required = true, Description = "Number in the national register of schools (RSPO)." };
        var address = new Option<string>("--address") { Required = true, Description = "Postal address." };
        var add = new Command("add", "Add a school.") { name, rspo, address };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(async (parse, ct) =>
        {
            var number = parse.GetValue(rspo)!.Trim();
            if (number.Length is < 1 or > 20 || !number.All(char.IsAsciiDigit))
            {
                await Console.Error.WriteLineAsync($"error: '{number}' is not an RSPO number (digits only).");
                return 1;
            }

            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            if (await db.Schools.AnyAsync(s => s.Rspo == number, ct))
            {
                await Console.Error.WriteLineAsync($"error: a school with RSPO number {number} already exists.");
                return 1;
            }

            var school = new School
            {
                Name = parse.GetValue(name)!.Trim(), Rspo = number, Address = parse.GetValue(address)!.Trim(), CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            };
            db.Schools.Add(school);
            db.Audit(Actor.Cli(), "school.created", nameof(School), school.Id, school.Id, new { school.Name, school.Rspo });
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"added school {school.Rspo}: {school.Name}");
            return 0;
        });

        var list = new Command("list", "List the schools of this deployment.");
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            foreach (var school in await db.Schools.AsNoTracking().OrderBy(s => s.Rspo).ToListAsync(ct))
            {
                Console.WriteLine($"{school.Rspo}\t{school.Name}\t{school.Address}");
            }

            return 0;
        });
        return new Command("schools", "The schools this deployment serves.") { add, list, Configure() };
    }

    /// <summary>`legitka schools configure RSPO --policy … --photo-limits …`: what the school decides for itself.</summary>
    private static Command Configure()
    {
        var rspo = new Argument<string>("rspo") { Description = "RSPO number of the school." };
        var policy = new Option<string>("--policy") { Description = "on-application (the director approves applications) or opt-out (every pupil unless a guardian objects)." };
        policy.AcceptOnlyFromAmong("on-application", "opt-out");
        var limits = new Option<string>("--photo-limits") { Description = "seed (5 MB, at least 492×633 px) or central-2025 (2.5 MB, at least 246×304 px)." };
        limits.AcceptOnlyFromAmong("seed", "central-2025");
        var configure = new Command("configure", "Change a school's issuance policy or photo limits.") { rspo, policy, limits };
        configure.TreatUnmatchedTokensAsErrors = false;
        configure.SetAction(async (parse, ct) =>
        {
            return await CliHost.ForSchoolAsync(parse, parse.GetValue(rspo), async (services, school) =>
            {
                var db = services.GetRequiredService<LegitkaDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var newPolicy = school.Policy;
                var closed = 0;
                if (parse.GetValue(policy) is { } chosen)
                {
                    newPolicy = chosen == "opt-out" ? Applications.IssuancePolicy.OptOut : Applications.IssuancePolicy.OnApplication;
                    closed = await services.GetRequiredService<Applications.ApplicationDesk>().SwitchPolicyAsync(Actor.Cli(), school.Id, newPolicy, ct) ?? 0;
                }

                if (parse.GetValue(limits) is { } preset)
                {
                    (school.PhotoMaxBytes, school.PhotoMinWidth, school.PhotoMinHeight) = preset == "central-2025"
                        ? (2_621_440, 246, 304)
                        : (5_242_880, 492, 633);
                }

                db.Audit(Actor.Cli(), "school.configured", nameof(School), school.Id, school.Id,
                    new { policy = newPolicy.ToString(), school.PhotoMaxBytes, school.PhotoMinWidth, school.PhotoMinHeight });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                Console.WriteLine($"{school.Rspo}: policy {newPolicy}, photos at most {school.PhotoMaxBytes} bytes, at least {school.PhotoMinWidth}×{school.PhotoMinHeight} px");
                if (closed > 0)
                {
                    Console.WriteLine($"{closed} pending application(s) closed as no longer needed; their guardians will be e-mailed.");
                }
                return 0;
            }, ct);
        });
        return configure;
    }
}
