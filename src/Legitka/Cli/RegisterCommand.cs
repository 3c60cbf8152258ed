using System.CommandLine;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Register;

namespace Legitka.Cli;

internal static class RegisterCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv");
        var school = new Option<string>("--school") { Description = "RSPO number of the school (optional when there is one school)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var export = new Command("export", "Write the school's register of pupils and cards.") { format, school, output };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction(async (parse, ct) =>
        {
            return await CliHost.ForSchoolAsync(parse, parse.GetValue(school), async (services, target) =>
            {
                var file = parse.GetValue(output);
                await using var stream = file is null ? Console.OpenStandardOutput() : file.Create();
                await services.GetRequiredService<RegisterExport>().WriteCsvAsync(target.Id, stream, Actor.Cli(), ct);
                return 0;
            }, ct);
        });
        return new Command("register", "The school's register of mLegitymacje and cards.") { export };
    }
}
