using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Import;
using Legitka.Registry;

namespace Legitka.Cli.Bench;

/// <summary>
/// `legitka bench import`: imports a synthetic e-diary file of N pupils into a scratch database (a temporary
/// SQLite file, or a new PostgreSQL database that is dropped afterwards) and times the first import and a rerun.
/// </summary>
internal static class ImportBenchCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Pupils in the file.", DefaultValueFactory = _ => 10_000 };
        var postgres = new Option<string>("--postgres")
        {
            Description = "PostgreSQL server to measure on, e.g. 'Host=127.0.0.1;Port=5432;Username=u;Password=p' (a scratch database is created and dropped).",
        };
        var command = new Command("import", "Time `import students` of a synthetic file into a scratch database.") { rows, postgres };
        command.SetAction(async (parse, ct) =>
        {
            var server = parse.GetValue(postgres);
            await using var scratch = ScratchDatabase.Create(server);
            using var host = await scratch.StartCoreHostAsync(ct);
            var schoolId = await CreateSchoolAsync(host.Services, ct);
            var csv = SyntheticRoster(parse.GetValue(rows));

            var dry = await TimeImportAsync(host.Services, schoolId, csv, ct, dryRun: true);
            var first = await TimeImportAsync(host.Services, schoolId, csv, ct);
            var rerun = await TimeImportAsync(host.Services, schoolId, csv, ct);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                rows = parse.GetValue(rows),
                provider = scratch.Provider,
                file_bytes = csv.Length,
                dry_run_s = Math.Round(dry.Elapsed.TotalSeconds, 3),
                first_import_s = Math.Round(first.Elapsed.TotalSeconds, 3),
                first_import_added = first.Summary.Added,
                rerun_s = Math.Round(rerun.Elapsed.TotalSeconds, 3),
                rerun_unchanged = rerun.Summary.Unchanged,
            }));
            return 0;
        });
        return command;
    }

    private static async Task<Guid> CreateSchoolAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LegitkaDbContext>();
        var school = new School { Name = "Zespół Szkół nr 1 (benchmark)", Rspo = "000001", Address = "ul. Testowa 1, 00-001 Warszawa" };
        db.Schools.Add(school);
        await db.SaveChangesAsync(ct);
        return school.Id;
    }

    private static async Task<(TimeSpan Elapsed, ImportSummary Summary)> TimeImportAsync(
        IServiceProvider services, Guid schoolId, byte[] csv, CancellationToken ct, bool dryRun = false)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<StudentImporter>();
        var watch = Stopwatch.StartNew();
        var outcome = await importer.ImportAsync(schoolId, csv, dryRun, Actor.Cli(), ct);
        watch.Stop();
        return outcome.Summary is { } summary
            ? (watch.Elapsed, summary)
            : throw new InvalidOperationException("The synthetic file was refused: " + outcome.Problems[0]);
    }

    /// <summary>A valid e-diary export: distinct PESELs and card numbers, 30-pupil classes, one or two guardians each.</summary>
    private static byte[] SyntheticRoster(int rows)
    {
        string[] given = ["Zofia", "Jan", "Łucja", "Mikołaj", "Małgorzata", "Józef", "Żaneta", "Śmigły"];
        string[] family = ["Nowak", "Wiśniewski", "Dąbrowska", "Kowalczyk", "Żak", "Łuczak", "Gęsiarz", "Źdźbło"];
        var text = new StringBuilder("class;given_names;family_name;pesel;birth_date;address;card_number;card_issue_date;card_valid_until;guardian_email\n");
        for (var i = 0; i < rows; i++)
        {
            var birth = new DateOnly(2008, 1, 1).AddDays(i % 3650);
            var guardians = i % 3 == 0 ? $"mama{i}@example.pl|tata{i}@example.pl" : $"opiekun{i}@example.pl";
            text.Append($"{1 + i / 30 % 8}{(char)('A' + i / 240 % 20)};{given[i % 8]};{family[i / 8 % 8]}{i};{Pesel.Create(birth, i / 3650)};")
                .Append($"{birth:yyyy-MM-dd};ul. Świętokrzyska {i % 200 + 1}/{i % 40 + 1}, 00-{i % 900 + 100} Warszawa;L/{i:D6};2025-09-01;2026-09-30;{guardians}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
