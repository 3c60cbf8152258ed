using System.CommandLine;
using System.Text.Json;
using Legitka.Audit;
using Legitka.Codes;
using Legitka.Data;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Cli;

/// <summary>`legitka codes generate`: the secretary's batch, from the command line, with the same job and slips as the portal.</summary>
internal static class CodesCommand
{
    public static Command Create()
    {
        var classes = new Option<string[]>("--class") { Description = "A class reported ready (repeatable): 1A, 2B…", AllowMultipleArgumentsPerToken = true };
        var allReady = new Option<bool>("--all-ready") { Description = "Every class reported ready and not yet given codes." };
        var pupil = new Option<Guid?>("--pupil") { Description = "One pupil's id, instead of classes (e.g. a replacement code)." };
        var pdf = new Option<FileInfo>("--pdf") { Description = "Write the printable A4 slips here." };
        var json = new Option<FileInfo>("--json") { Description = "Write one object per pupil: pupil_id, name, class, offer_uri, activation_code, expires_at." };
        var school = new Option<string>("--school") { Description = "RSPO number of the school (optional when there is one school)." };
        var replaceUnused = new Option<bool>("--replace-unused")
        {
            Description = "Classes: also give new codes to pupils holding a valid unused slip (lost or misprinted slips; those slips stop working).",
        };
        var phoneChange = new Option<bool>("--phone-change")
        {
            Description = "--pupil whose mLegitymacja works: confirm that the new code, once used, ends it on the present phone.",
        };
        var generate = new Command("generate", "Generate one-time QR and activation codes for ready classes, with printable slips.")
        {
            classes, allReady, pupil, pdf, json, school, replaceUnused, phoneChange,
        };
        generate.TreatUnmatchedTokensAsErrors = false;
        generate.SetAction(async (parse, ct) =>
        {
            var names = parse.GetValue(classes) ?? [];
            var one = parse.GetValue(pupil);
            if ((names.Length > 0 || parse.GetValue(allReady)) == (one is not null))
            {
                await Console.Error.WriteLineAsync("error: name classes (--class, --all-ready) or one --pupil.");
                return 2;
            }

            if (parse.GetValue(pdf) is null && parse.GetValue(json) is null)
            {
                await Console.Error.WriteLineAsync("error: say where the codes go (--pdf FILE and/or --json FILE): they are shown only once.");
                return 2;
            }

            return await CliHost.ForSchoolAsync(parse, parse.GetValue(school), async (services, target) =>
            {
                var db = services.GetRequiredService<LegitkaDbContext>();
                var classIds = one is null ? await ResolveClassesAsync(db, target, names, parse.GetValue(allReady), ct) : [];
                if (classIds is null)
                {
                    return 1;
                }

                if (one is { } pupilId && !parse.GetValue(phoneChange) && await services.GetRequiredService<CodeDesk>().NewCodeEndsAPhoneAsync(pupilId, ct))
                {
                    await Console.Error.WriteLineAsync("error: the pupil's mLegitymacja works on a phone, and the new code, once used, ends it there; "
                        + "add --phone-change if the pupil is changing phones.");
                    return 1;
                }

                var generator = services.GetRequiredService<CodeGenerator>();
                var request = await generator.RequestAsync(target.Id, Actor.Cli(), classIds, one, holdLease: true, parse.GetValue(replaceUnused), ct);
                if (request.Batch is not { } batch)
                {
                    await Console.Error.WriteLineAsync($"error: {request.Outcome.Message}");
                    return 1;
                }

                var started = TimeProvider.System.GetTimestamp();
                // On a terminal the count updates in place; in a log, one line per step. Written as reported, so nothing
                // prints after the summary below.
                var inPlace = !Console.IsErrorRedirected;
                await generator.RunAsync(batch, new InlineProgress<CodeBatchProgress>(p => Console.Error.Write(inPlace
                    ? $"\rcodes: {p.Done}/{p.Total}"
                    : $"codes: {p.Done}/{p.Total}{Environment.NewLine}")), ct);
                if (inPlace)
                {
                    await Console.Error.WriteLineAsync();
                }

                var codes = await services.GetRequiredService<SlipArchive>().OpenBatchAsync(batch.Id, ct);
                if (parse.GetValue(json) is { } jsonFile)
                {
                    await File.WriteAllBytesAsync(jsonFile.FullName, JsonSerializer.SerializeToUtf8Bytes(
                        codes.Select(c => new { pupil_id = c.PupilId, name = c.Name, @class = c.ClassName, offer_uri = c.OfferUri,
                            activation_code = c.ActivationCode, expires_at = c.ExpiresAt }), CliJson.Options), ct);
                }


                if (codes.Count == 0)
                {
                    await Console.Error.WriteLineAsync("No codes were needed: every pupil has a working mLegitymacja or a valid unused slip "
                        + "(--replace-unused gives new codes to the latter).");
                }
                else if (parse.GetValue(pdf) is { } pdfFile)
                {
                    await File.WriteAllBytesAsync(pdfFile.FullName, SlipDocument.Render(target, codes), ct);
                }

                // Plain codes left the system: who took them, and where to, goes into the audit log like a download.
                db.Audit(Actor.Cli(), "codes.exported", nameof(CodeBatch), batch.Id, target.Id,
                    new { codes = codes.Count, pdf = parse.GetValue(pdf)?.FullName, json = parse.GetValue(json)?.FullName });
                await db.SaveChangesAsync(ct);
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                Console.WriteLine($"{codes.Count} code(s) for {target.Name} in {elapsed.TotalSeconds:0.00} s (batch {batch.Id})");
                return 0;
            }, ct);
        });
        return new Command("codes", "Activation codes and their slips.") { generate };
    }

    private static async Task<List<Guid>?> ResolveClassesAsync(LegitkaDbContext db, School school, string[] names, bool allReady, CancellationToken ct)
    {
        var ids = new List<Guid>();
        if (allReady)
        {
            ids.AddRange(await db.ReadinessReports.Where(r => r.SchoolId == school.Id && r.ClosedAt == null).Select(r => r.ClassId).ToListAsync(ct));
        }

        foreach (var name in names)
        {
            var id = await db.Classes.Where(c => c.SchoolId == school.Id && c.Name == name).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
            if (id is null)
            {
                await Console.Error.WriteLineAsync($"error: no class {name} in {school.Name}.");
                return null;
            }

            ids.Add(id.Value);
        }

        if (ids.Count == 0)
        {
            await Console.Error.WriteLineAsync("error: no class is reported ready.");
            return null;
        }

        return [.. ids.Distinct()];
    }
}
