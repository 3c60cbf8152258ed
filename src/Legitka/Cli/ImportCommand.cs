using System.CommandLine;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Import;

namespace Legitka.Cli;

internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The e-diary's CSV export (UTF-8, ';' or ',')." };
        var school = new Option<string>("--school") { Description = "RSPO number of the school (optional when there is one school)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and report what would change, write nothing." };
        var students = new Command("students", "Import pupils, cards and guardians' e-mails from the e-diary's CSV.") { file, school, dryRun };
        students.TreatUnmatchedTokensAsErrors = false;
        students.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: file not found: {path.FullName}");
                return 1;
            }

            using var host = await CliHost.StartAsync(parse, ct);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
            var target = await CliHost.ResolveSchoolAsync(db, parse.GetValue(school), ct);
            if (target is null)
            {
                return 1;
            }

            var bytes = await File.ReadAllBytesAsync(path.FullName, ct);
            var outcome = await scope.ServiceProvider.GetRequiredService<StudentImporter>()
                .ImportAsync(target.Id, bytes, parse.GetValue(dryRun), Actor.Cli(), ct);
            if (outcome.Summary is not { } summary)
            {
                foreach (var problem in outcome.Problems)
                {
                    await Console.Error.WriteLineAsync($"{path.Name}: {problem}");
                }

                await Console.Error.WriteLineAsync($"{outcome.Problems.Count} problem(s); the file was refused and nothing was written.");
                return 1;
            }

            Console.WriteLine($"{(outcome.DryRun ? "dry run, nothing written: " : "")}added {summary.Added}, updated {summary.Updated}, " +
                $"unchanged {summary.Unchanged}, classes created {summary.ClassesCreated} ({target.Name})");
            return 0;
        });
        return new Command("import", "Load data from the e-diary.") { students };
    }
}
