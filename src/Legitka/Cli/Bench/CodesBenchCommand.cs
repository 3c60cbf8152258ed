using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Readiness;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Cli.Bench;

/// <summary>
/// `legitka bench codes`: a scratch database (temporary SQLite file, or a PostgreSQL database made and dropped) with a
/// school of N ready pupils in classes of 25, all reported ready; then the real batch (readiness checked, old codes
/// voided, offers hashed and inserted, slips encrypted, reports closed, audited) and the slips' PDF, each timed, in a
/// fresh process (cold); then, in the warmed-up process as a running server would, a second school's first codes and
/// the first school's codes regenerated (<c>--repeat N</c> times: the median, and each run's rate).
/// </summary>
internal static class CodesBenchCommand
{
    public static Command Create()
    {
        var pupils = new Option<int>("--pupils") { Description = "Ready pupils in the school.", DefaultValueFactory = _ => 1_000 };
        var postgres = new Option<string>("--postgres")
        {
            Description = "PostgreSQL server to measure on, e.g. 'Host=127.0.0.1;Port=5432;Username=u;Password=p' (a scratch database is created and dropped).",
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Times to regenerate the whole school's codes in the warm process (more samples from one set-up).",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("codes", "Time code generation for a school of ready classes, and its slips PDF.") { pupils, postgres, repeat };
        command.SetAction(async (parse, ct) =>
        {
            var server = parse.GetValue(postgres);
            await using var scratch = ScratchDatabase.Create(server);
            using var host = await scratch.StartCoreHostAsync(ct);
            var count = parse.GetValue(pupils);
            var (school, classIds) = await ReadyBenchSchool.CreateAsync(host.Services, count, "legitka bench codes", ct);

            await using var scope = host.Services.CreateAsyncScope();
            var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
            // Cold: a fresh process makes codes and the PDF for the whole school, as `legitka codes generate` would.
            var total = Stopwatch.StartNew();
            var (batch, _) = await ReadyBenchSchool.GenerateCodesAsync(generator, school.Id, classIds, ct);
            var generated = total.Elapsed;
            var codes = await scope.ServiceProvider.GetRequiredService<SlipArchive>().OpenBatchAsync(batch.Id, ct);
            var pdfStarted = total.Elapsed;
            var pdf = SlipDocument.Render(school, codes);
            var pdfTime = total.Elapsed - pdfStarted;
            total.Stop();

            // Warm, as a running server does it: a second school's first codes, then the first school again (every
            // code replaced, so the old ones are voided too).
            var (secondSchool, secondClassIds) = await ReadyBenchSchool.CreateAsync(host.Services, count, "legitka bench codes", ct);
            var firstCodes = Stopwatch.StartNew();
            var (_, firstMade) = await ReadyBenchSchool.GenerateCodesAsync(generator, secondSchool.Id, secondClassIds, ct);
            firstCodes.Stop();

            var regenerations = new List<(int Made, TimeSpan Took)>();
            for (var i = 0; i < Math.Max(1, parse.GetValue(repeat)); i++)
            {
                await ReportReadyAgainAsync(scope.ServiceProvider.GetRequiredService<LegitkaDbContext>(), school.Id, ct);
                var warm = Stopwatch.StartNew();
                var (_, made) = await ReadyBenchSchool.GenerateCodesAsync(generator, school.Id, classIds, ct);
                regenerations.Add((made, warm.Elapsed));
            }

            var rates = regenerations.Select(r => Math.Round(r.Made / r.Took.TotalSeconds)).ToList();

            Console.WriteLine(JsonSerializer.Serialize(new
            {
                pupils = count,
                classes = classIds.Count,
                provider = scratch.Provider,
                codes = codes.Count,
                cold_generate_s = Math.Round(generated.TotalSeconds, 3),
                pdf_s = Math.Round(pdfTime.TotalSeconds, 3),
                pdf_pages = (codes.Count + 7) / 8,
                pdf_bytes = pdf.Length,
                cold_codes_and_pdf_s = Math.Round(total.Elapsed.TotalSeconds, 3),
                warm_first_codes_s = Math.Round(firstCodes.Elapsed.TotalSeconds, 3),
                warm_first_codes_per_s = Math.Round(firstMade / firstCodes.Elapsed.TotalSeconds),
                warm_regenerate_s = Math.Round(regenerations[0].Took.TotalSeconds, 3),
                warm_regenerate_codes_per_s = rates.Order().ElementAt(rates.Count / 2),
                warm_regenerate_each_codes_per_s = rates,
            }));
            return codes.Count == count && firstMade == count && regenerations.All(r => r.Made == count) ? 0 : 1;
        });
        return command;
    }

    private static async Task ReportReadyAgainAsync(LegitkaDbContext db, Guid schoolId, CancellationToken ct)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var reports = await db.Classes.Where(c => c.SchoolId == schoolId).Select(c => new ClassReadinessReport
        {
            SchoolId = schoolId,
            ClassId = c.Id,
            ReportedByName = "bench",
            ReportedAt = now,
            LeftOutPupilIds = "[]",
            ReadyPupils = ReadyBenchSchool.ClassSize,
        }).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkInsert.InsertAsync(db, reports, ct);
        await transaction.CommitAsync(ct);
    }
}
