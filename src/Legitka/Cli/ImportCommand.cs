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

            return await CliHost.ForSchoolAsync(parse, parse.GetValue(school), async (services, target) =>
            {
                var bytes = await File.ReadAllBytesAsync(path.FullName, ct);
                var outcome = await services.GetRequiredService<StudentImporter>()
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
            }, ct);
        });
        return new Command("import", "Load data from the e-diary.") { students, Photos() };
    }

    /// <summary>`legitka import photos DIR|FILE.zip`: e-mailed photos named with the pupil's name and class.</summary>
    private static Command Photos()
    {
        var path = new Argument<string>("path") { Description = "A folder or a ZIP of JPEG files named like 'Jan Kowalski 1A.jpg'." };
        var school = new Option<string>("--school") { Description = "RSPO number of the school (optional when there is one school)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per file: file, result, pupil_id, reason." };
        var photos = new Command("photos", "Load photos received by e-mail; every good photo lands, every other file is reported.") { path, school, json };
        photos.TreatUnmatchedTokensAsErrors = false;
        photos.SetAction(async (parse, ct) =>
        {
            var source = parse.GetValue(path)!;
            if (!Directory.Exists(source) && !File.Exists(source))
            {
                await Console.Error.WriteLineAsync($"error: no such folder or file: {source}");
                return 1;
            }

            return await CliHost.ForSchoolAsync(parse, parse.GetValue(school), async (services, target) =>
            {
                List<Legitka.Photos.PhotoFile> files;
                try
                {
                    files = Legitka.Photos.PhotoFolder.Read(source, target.PhotoMaxBytes);
                }
                catch (InvalidDataException e)
                {
                    await Console.Error.WriteLineAsync($"error: {source} is not a readable ZIP file ({e.Message}).");
                    return 1;
                }

                var results = await services.GetRequiredService<Legitka.Photos.PhotoIntake>().ImportAsync(target.Id, files, Actor.Cli(), ct);
                foreach (var r in results)
                {
                    Console.WriteLine(parse.GetValue(json)
                        ? System.Text.Json.JsonSerializer.Serialize(new { file = r.File, result = r.Outcome.ToString().ToLowerInvariant(), pupil_id = r.PupilId, reason = r.Reason })
                        : $"{r.Outcome.ToString().ToLowerInvariant(),-9} {r.File}{(r.Reason is null ? "" : " — " + r.Reason)}");
                }

                var loaded = results.Count(r => r.Outcome == Legitka.Photos.BulkPhotoOutcome.Matched);
                await Console.Error.WriteLineAsync($"{loaded} of {results.Count} file(s) loaded and waiting for review; " +
                    $"{results.Count - loaded} not loaded (unmatched, ambiguous or refused).");
                return loaded == results.Count ? 0 : 2;
            }, ct);
        });
        return photos;
    }
}
