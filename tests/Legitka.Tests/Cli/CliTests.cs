using Legitka.Data;
using Legitka.Tests.Import;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Cli;

/// <summary>The admin verbs against the same database as a running server, configured as a user would.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CliTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private string[] Config => fixture.App.Database.ConfigurationArgs;

    [Fact]
    public async Task Import_refuses_a_bad_file_with_exit_code_1_and_line_precise_messages()
    {
        var file = Path.Combine(fixture.App.Database.DataDirectory, "bad.csv");
        var birth = new DateOnly(2013, 1, 2);
        await File.WriteAllBytesAsync(file, CsvSamples.File(
            CsvSamples.Row("5A", "Jan", "Nowak", birth, 1, "Q/1"),
            CsvSamples.Row("5A", "Ewa", "Nowak", birth, 2, "Q/1")));
        var before = await fixture.App.WithDbAsync(db => db.Pupils.CountAsync());

        var (exit, _, error) = await CliRunner.RunAsync(["import", "students", file, "--school", "987654", .. Config]);

        Assert.Equal(1, exit);
        Assert.Contains("line 3, column card_number: card number Q/1 already appears on line 2", error);
        Assert.Equal(before, await fixture.App.WithDbAsync(db => db.Pupils.CountAsync()));
    }

    [Fact]
    public async Task Import_dry_run_then_real_run_then_rerun()
    {
        var file = Path.Combine(fixture.App.Database.DataDirectory, "good.csv");
        await File.WriteAllBytesAsync(file, CsvSamples.Pupils(12, classPrefix: "4", firstSerial: 5000));

        var dry = await CliRunner.RunAsync(["import", "students", file, "--dry-run", "--school", "987654", .. Config]);
        var real = await CliRunner.RunAsync(["import", "students", file, "--school", "987654", .. Config]);
        var again = await CliRunner.RunAsync(["import", "students", file, "--school", "987654", .. Config]);

        Assert.Equal((0, 0, 0), (dry.ExitCode, real.ExitCode, again.ExitCode));
        Assert.Contains("dry run, nothing written: added 12", dry.Out);
        Assert.Contains("added 12, updated 0, unchanged 0, classes created 10", real.Out);
        Assert.Contains("added 0, updated 0, unchanged 12", again.Out);
    }

    [Fact]
    public async Task Codes_generate_writes_the_slips_and_the_json_with_a_progress_line_that_ends_at_the_codes_made()
    {
        var pdf = Path.Combine(fixture.App.Database.DataDirectory, "8D.pdf");
        var json = Path.Combine(fixture.App.Database.DataDirectory, "8D.json");

        var (exit, _, error) = await CliRunner.RunAsync(["codes", "generate", "--class", "8D", "--pdf", pdf, "--json", json, "--school", "987654",
            "--Legitka:PublicUrl=https://legitka.example", .. Config]);

        Assert.True(exit == 0, error);
        var codes = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(json)).RootElement.EnumerateArray().ToList();
        Assert.Equal(25, codes.Count);
        Assert.All(codes, c =>
        {
            Assert.StartsWith("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Flegitka.example%2F", c.GetProperty("offer_uri").GetString());
            Assert.Matches("^[0-9]{8}$", c.GetProperty("activation_code").GetString()!);
            Assert.Equal("8D", c.GetProperty("class").GetString());
        });
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(pdf))[..4]);
        // Captured output is not a terminal: one line per step, the last one at the codes made.
        Assert.Contains("codes: 25/25" + Environment.NewLine, error);
        Assert.DoesNotContain("codes: 26", error);
    }

    [Fact]
    public async Task A_pupils_new_code_from_the_command_line_needs_phone_change_while_the_phone_works()
    {
        // A database of its own: an activated pupil of 8D would change what the other tests here see.
        await using var app = await TestApp.StartAsync();
        var (schoolId, classId) = await Issuance.TestBatches.ClassAsync(app, "8D");
        var code = (await Issuance.TestBatches.RunAsync(app, schoolId, [classId]))[12];
        var pupilId = code.PupilId;
        var wallet = new Legitka.Wallet.WalletClient(app.AnonymousClient(), app.Clock);
        Assert.IsType<Legitka.Wallet.ActivationSuccess>(
            await wallet.ActivateAsync(code.OfferUri, code.ActivationCode, Legitka.Wallet.Keys.DeviceKey.Generate()), exactMatch: false);
        var json = Path.Combine(app.Database.DataDirectory, "phone-change.json");
        string[] generate = ["codes", "generate", "--pupil", pupilId.ToString(), "--json", json, .. app.Database.ConfigurationArgs];

        var refused = await CliRunner.RunAsync(generate);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--phone-change", refused.Error);
        Assert.False(File.Exists(json));

        var confirmed = await CliRunner.RunAsync([.. generate, "--phone-change"]);
        Assert.True(confirmed.ExitCode == 0, confirmed.Error);
        Assert.Single(System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(json)).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_new_database_is_made_without_an_error_in_the_log()
    {
        using var database = TestDatabase.Create();

        var (exit, output, error) = await CliRunner.RunAsync(["schools", "list", .. database.ConfigurationArgs]);

        Assert.Equal(0, exit);
        Assert.Contains("Database ready", output + error);
        Assert.DoesNotContain("fail:", output + error);
        Assert.DoesNotContain("Failed executing", output + error);
    }

    [Fact]
    public async Task A_node_with_another_local_secret_is_stopped_at_start_with_the_reason()
    {
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var before = await fixture.App.WithDbAsync(db => db.AuditEntries.CountAsync());

        var (exit, output, error) = await CliRunner.RunAsync(["schools", "list", .. Config, $"--Legitka:CodeHashKey={otherKey}"]);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: This node's local secret", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal(before, await fixture.App.WithDbAsync(db => db.AuditEntries.CountAsync()));
        // The node with the right key still starts.
        Assert.Equal(0, (await CliRunner.RunAsync(["schools", "list", .. Config])).ExitCode);
    }

    [Fact]
    public async Task Unknown_school_is_a_clear_error()
    {
        var file = Path.Combine(fixture.App.Database.DataDirectory, "any.csv");
        await File.WriteAllBytesAsync(file, CsvSamples.Pupils(1));
        var (exit, _, error) = await CliRunner.RunAsync(["import", "students", file, "--school", "000000", .. Config]);
        Assert.Equal(1, exit);
        Assert.Contains("no school with RSPO number 000000", error);
    }

    [Fact]
    public async Task Register_export_writes_every_pupil_with_card()
    {
        var output = Path.Combine(fixture.App.Database.DataDirectory, "register.csv");
        var (exit, _, _) = await CliRunner.RunAsync(["register", "export", "--format", "csv", "--output", output, "--school", "987654", .. Config]);
        Assert.Equal(0, exit);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("class,family_name,given_names,pesel,id_document,birth_date,card_number,card_issue_date,card_valid_until,card_status,card_invalidation_reason", lines[0]);
        var pupils = await fixture.App.WithDbAsync(db => db.Pupils.CountAsync(p => db.Schools.Any(s => s.Id == p.SchoolId && s.Rspo == "987654")));
        Assert.True(lines.Length - 1 >= pupils);
        Assert.Contains(lines, l => l.StartsWith("6A,", StringComparison.Ordinal) && l.Contains(",valid,", StringComparison.Ordinal));
    }
}
