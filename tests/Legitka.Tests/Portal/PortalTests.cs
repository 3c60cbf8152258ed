using System.Net;
using System.Text.RegularExpressions;
using Legitka.Data;
using Legitka.Tests.Infrastructure;
using Legitka.Web;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Tests.Portal;

public sealed partial class PortalTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Health_answers_when_the_database_does()
    {
        using var client = fixture.App.AnonymousClient();
        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Runs_on_the_provider_this_run_targets()
    {
        var provider = await fixture.App.WithDbAsync(db => Task.FromResult(db.Database.ProviderName!));
        Assert.Contains(TestDatabase.TargetProvider == DatabaseProvider.Postgres ? "Npgsql" : "Sqlite", provider);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        using var client = fixture.App.AnonymousClient();
        const string email = "wychowawca.8c@sp7.legitka.test";
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await TestApp.PostLoginAsync(client, email, "zle-haslo-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(i < 4 ? "Nieprawidłowy adres e-mail lub hasło" : "czasowo zablokowane", await wrong.Content.ReadAsStringAsync());
        }

        using var right = await TestApp.PostLoginAsync(client, email, Demo.DemoSeeder.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("czasowo zablokowane", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task One_address_gets_30_login_attempts_a_minute_and_may_still_see_the_form()
    {
        // An app of its own: the limit is per address, and every test here signs in from 127.0.0.1.
        await using var app = await TestApp.StartAsync();
        using var client = app.AnonymousClient();
        for (var i = 0; i < 30; i++)
        {
            using var attempt = await TestApp.PostLoginAsync(client, $"nikt{i}@example.test", "zle-haslo");
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }

        using var refused = await TestApp.PostLoginAsync(client, "nikt@example.test", "zle-haslo");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var form = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Pesel_is_masked_until_revealed_and_each_reveal_is_audited()
    {
        using var client = await fixture.App.SignInAsync("rodzic@legitka.test");
        var home = await client.GetStringAsync("/");
        var pupilUrl = PupilLink().Match(home).Value;
        var pupilId = Guid.Parse(pupilUrl[8..]);
        var pesel = await fixture.App.WithDbAsync(db => db.Pupils.Where(p => p.Id == pupilId).Select(p => p.Pesel!).SingleAsync());

        var masked = await client.GetStringAsync(pupilUrl);
        Assert.DoesNotContain(pesel, masked);
        var revealsBefore = await fixture.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "pupil.revealed"));

        using var revealed = await TestApp.PostFormAsync(client, pupilUrl, pupilUrl + "?handler=Reveal");
        Assert.Contains(pesel, await revealed.Content.ReadAsStringAsync());
        var entry = await fixture.App.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync(e => e.Action == "pupil.revealed"));
        Assert.Equal(revealsBefore + 1, await fixture.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "pupil.revealed")));
        Assert.Equal("Katarzyna Dąbrowska", entry.ActorName);
        Assert.Equal(pupilUrl[8..], entry.EntityId);
    }

    [Fact]
    public async Task Language_switch_turns_the_portal_english()
    {
        using var client = fixture.App.AnonymousClient();
        Assert.Contains("Zaloguj się", await client.GetStringAsync("/Account/Login"));
        using var switched = await client.PostAsync("/culture?culture=en&returnUrl=%2FAccount%2FLogin", null);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await client.GetStringAsync("/Account/Login");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Sign in", english);
    }

    [Fact]
    public async Task Security_headers_are_sent()
    {
        using var client = fixture.App.AnonymousClient();
        using var response = await client.GetAsync("/Account/Login");
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_registry_api()
    {
        using var client = fixture.App.AnonymousClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/pupils/{id}/reveal", document);
        Assert.Contains("/api/v1/schools/{id}/students/import", document);
    }

    [Fact]
    public async Task Director_sets_the_policy_photo_limits_and_code_rules_and_it_is_audited()
    {
        using var client = await fixture.App.SignInAsync("dyrektor@sp7.legitka.test");
        var schoolId = await fixture.App.WithDbAsync(db => db.Schools.Where(s => s.Rspo == "987654").Select(s => s.Id).SingleAsync());
        var url = $"/schools/{schoolId}/settings";
        using var refused = await TestApp.PostFormAsync(client, url, url, new()
        {
            ["Policy"] = "OptOut", ["Limits"] = "central-2025", ["FirstCodeDays"] = "0", ["LaterCodeDays"] = "7", ["Devices"] = "1",
        });
        Assert.Contains("Nic nie zapisano.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(Applications.IssuancePolicy.OnApplication, await fixture.App.WithDbAsync(db => db.Schools.Where(s => s.Id == schoolId).Select(s => s.Policy).SingleAsync()));
        using var tooLong = await TestApp.PostFormAsync(client, url, url, new()
        {
            ["Policy"] = "OptOut", ["Limits"] = "central-2025", ["FirstCodeDays"] = "21", ["LaterCodeDays"] = "3", ["Devices"] = "2",
            ["WalletApp"] = new string('x', 61),
        });
        Assert.Contains("Nazwa aplikacji portfela może mieć najwyżej 60 znaków. Nic nie zapisano.", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(30, await fixture.App.WithDbAsync(db => db.Schools.Where(s => s.Id == schoolId).Select(s => s.FirstCodeValidDays).SingleAsync()));

        var saved = await TestApp.PostFormExpectingDoneAsync(client, url, url, new()
        {
            ["Policy"] = "OptOut", ["Limits"] = "central-2025", ["FirstCodeDays"] = "21", ["LaterCodeDays"] = "3", ["Devices"] = "2",
            ["WalletApp"] = "  Portfel Szkolny ",
        });
        Assert.Contains("Ustawienia zapisane.", saved);
        // Said once: the page shown again (a reload) neither repeats it nor sends the form.
        Assert.DoesNotContain("Ustawienia zapisane.", await client.GetStringAsync(url));

        var school = await fixture.App.WithDbAsync(db => db.Schools.AsNoTracking().SingleAsync(s => s.Id == schoolId));
        Assert.Equal((Applications.IssuancePolicy.OptOut, 246, 304), (school.Policy, school.PhotoMinWidth, school.PhotoMinHeight));
        Assert.Equal((21, 3, 2), (school.FirstCodeValidDays, school.LaterCodeValidDays, school.DevicesPerPupil));
        Assert.Equal("Portfel Szkolny", school.WalletApp);
        Assert.True(await fixture.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "school.configured" && e.ActorName == "dr Tadeusz Żółkiewski")));
    }

    [Fact]
    public async Task The_audit_log_names_what_happened_and_to_whom_in_words()
    {
        using var client = await fixture.App.SignInAsync("sekretariat@sp7.legitka.test");
        var (schoolId, pupil) = await fixture.App.WithDbAsync(async db =>
        {
            var school = await db.Schools.Where(s => s.Rspo == "987654").Select(s => s.Id).SingleAsync();
            return (school, await db.Pupils.Where(p => p.SchoolId == school).OrderBy(p => p.Id).FirstAsync());
        });
        var pupilUrl = $"/pupils/{pupil.Id}";
        using var revealed = await TestApp.PostFormAsync(client, pupilUrl, pupilUrl + "?handler=Reveal");
        Assert.Equal(System.Net.HttpStatusCode.OK, revealed.StatusCode);

        var log = await client.GetStringAsync($"/schools/{schoolId}/audit");
        var row = log[log.IndexOf("wyświetlono PESEL i adres", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains($"<a href=\"{pupilUrl}\">{pupil.GivenNames} {pupil.FamilyName}</a>", row);
        Assert.Contains("utworzono szkołę demonstracyjną", log);
    }

    [Fact]
    public void Audit_details_show_letters_not_escapes_and_records_in_words()
    {
        Assert.Equal("WalletApp: Portfel Zażółć", AuditActions.Readable("{\"WalletApp\":\"Portfel Za\\u017C\\u00F3\\u0142\\u0107\"}"));
        // One line a field; long lists (of ids, say) shortened to their first three and a count.
        Assert.Equal("left_out: a, b, c, … (+2)\nready: 23\nreplace: true\nreason: —\nrules: {\"min\":246}",
            AuditActions.Readable("{\"left_out\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"ready\":23,\"replace\":true,\"reason\":null,\"rules\":{\"min\":246}}"));
        Assert.Equal("not json", AuditActions.Readable("not json"));
        // The administrator's command line and the system are said in words; people by their names.
        Assert.Equal("wiersz poleceń (root)", ActorNames.Readable("cli:root", new Ui()));
        Assert.Equal("Anna Nowak", ActorNames.Readable("Anna Nowak", new Ui()));
        Assert.Equal("partia kodów", AuditActions.Record("CodeBatch"));
    }

    [GeneratedRegex("/pupils/[0-9a-f-]{36}")]
    private static partial Regex PupilLink();
}
