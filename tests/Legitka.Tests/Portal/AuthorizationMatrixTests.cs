using System.Net;
using System.Text;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Portal;

/// <summary>
/// Every role against every page and API, with its own and with others' ids. Allowed: 200 with the data.
/// Not allowed: 403 or 404 (a list or a shared page may also answer 200 without the item), and the body never holds the
/// data (the pupil's name or PESEL, the photo, the form).
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string SecretaryA = "sekretariat@sp7.legitka.test";
    private const string DirectorA = "dyrektor@sp7.legitka.test";
    private const string OperatorA = "operator@legitka.test";
    private const string Teacher6A = "wychowawca.6a@sp7.legitka.test";
    private const string GuardianA = "rodzic@legitka.test";

    private static readonly string[] Everyone =
        [SecretaryA, DirectorA, OperatorA, Teacher6A, GuardianA, TwoSchools.SecretaryB, TwoSchools.TeacherB, TwoSchools.GuardianB];

    private sealed record Case(string Method, string Url, string Marker, string[] Allowed, string? Body = null, bool IsList = false);

    [Fact]
    public async Task Every_role_reaches_exactly_what_it_may()
    {
        var s = await TwoSchools.CreateAsync(fixture.App);
        string[] wholeA = [SecretaryA, DirectorA, OperatorA];
        var child = s.GuardiansChild;
        var photoId = await fixture.App.WithDbAsync(async db =>
        {
            var photo = new Legitka.Photos.PupilPhoto
            {
                SchoolId = child.SchoolId, PupilId = child.Id, State = Legitka.Photos.PhotoState.Pending, Source = Legitka.Photos.PhotoSource.Guardian,
                UploadedByName = "test", Width = 492, Height = 633, ContentHash = "matrix",
            };
            db.Photos.Add(photo);
            db.PhotoContents.Add(new Legitka.Photos.PhotoContent { PhotoId = photo.Id, Jpeg = Encoding.ASCII.GetBytes("JPEG-MATRIX-MARKER"), PortraitJpeg = [] });
            await db.SaveChangesAsync();
            return photo.Id;
        });
        var (batchId, slipSetId) = await fixture.App.WithDbAsync(async db =>
        {
            var class8D = await db.Classes.SingleAsync(c => c.Name == "8D");
            await using var scope = fixture.App.Scope();
            var generator = scope.ServiceProvider.GetRequiredService<Legitka.Codes.CodeGenerator>();
            var request = await generator.RequestAsync(class8D.SchoolId, Legitka.Audit.Actor.Cli(), [class8D.Id], null, holdLease: true);
            await generator.RunAsync(request.Batch!);
            return (request.Batch!.Id, await db.SlipSets.Where(x => x.BatchId == request.Batch.Id).Select(x => x.Id).SingleAsync());
        });
        var csv = "class;given_names;family_name;pesel;birth_date;address;card_number;card_issue_date;card_valid_until\n";
        Case[] cases =
        [
            new("GET", $"/schools/{s.A.Id}", s.A.Name, wholeA),
            new("GET", $"/schools/{s.A.Id}/import", "CSV", [SecretaryA, OperatorA]),
            new("GET", $"/schools/{s.A.Id}/audit", "utworzono szkołę demonstracyjną", wholeA),
            new("GET", $"/classes/{s.A6.Id}", s.OtherPupilIn6A.FamilyName, [.. wholeA, Teacher6A]),
            new("GET", $"/classes/{s.A7.Id}", "7B", wholeA),
            new("GET", $"/pupils/{child.Id}", child.FamilyName, [.. wholeA, Teacher6A, GuardianA]),
            new("GET", $"/pupils/{s.OtherPupilIn6A.Id}", s.OtherPupilIn6A.FamilyName, [.. wholeA, Teacher6A]),
            new("GET", $"/pupils/{s.PupilIn8C.Id}", s.PupilIn8C.FamilyName, wholeA),
            new("GET", $"/pupils/{s.PupilInB.Id}", s.PupilInB.FamilyName, [TwoSchools.SecretaryB, TwoSchools.TeacherB, TwoSchools.GuardianB]),
            new("GET", $"/schools/{s.B.Id}", s.B.Name, [TwoSchools.SecretaryB]),
            new("GET", $"/classes/{s.B1.Id}", s.PupilInB.FamilyName, [TwoSchools.SecretaryB, TwoSchools.TeacherB]),
            new("GET", "/api/v1/schools", s.A.Name, wholeA, IsList: true),
            new("GET", "/api/v1/schools", s.B.Name, [TwoSchools.SecretaryB], IsList: true),
            new("GET", "/", child.FamilyName, [GuardianA], IsList: true),
            new("GET", $"/api/v1/schools/{s.A.Id}/classes", "6A", wholeA),
            new("GET", $"/api/v1/classes/{s.A6.Id}/pupils", s.OtherPupilIn6A.FamilyName, [.. wholeA, Teacher6A]),
            new("GET", $"/api/v1/pupils/{child.Id}", child.FamilyName, [.. wholeA, Teacher6A, GuardianA]),
            new("GET", $"/api/v1/pupils/{s.PupilIn8C.Id}", s.PupilIn8C.FamilyName, wholeA),
            new("POST", $"/api/v1/pupils/{child.Id}/reveal", child.Pesel!, [.. wholeA, Teacher6A, GuardianA]),
            new("POST", $"/api/v1/pupils/{s.PupilInB.Id}/reveal", s.PupilInB.Pesel!, [TwoSchools.SecretaryB, TwoSchools.TeacherB, TwoSchools.GuardianB]),
            new("POST", $"/pupils/{child.Id}?handler=Reveal", child.Pesel!, [.. wholeA, Teacher6A, GuardianA]),
            new("POST", $"/pupils/{s.PupilInB.Id}?handler=Reveal", s.PupilInB.Pesel!, [TwoSchools.SecretaryB, TwoSchools.TeacherB, TwoSchools.GuardianB]),
            new("GET", $"/api/v1/schools/{s.A.Id}/register", s.PupilIn8C.Pesel!, wholeA),
            new("GET", $"/api/v1/schools/{s.B.Id}/register", s.PupilInB.Pesel!, [TwoSchools.SecretaryB]),
            new("GET", $"/api/v1/schools/{s.A.Id}/audit", "demo.seeded", wholeA),
            new("POST", $"/api/v1/schools/{s.A.Id}/students/import?dryRun=true", "\"dryRun\":true", [SecretaryA, OperatorA], csv),
            new("POST", $"/api/v1/schools/{s.B.Id}/students/import?dryRun=true", "\"dryRun\":true", [TwoSchools.SecretaryB], csv),
            new("GET", $"/schools/{s.A.Id}/applications", "Wnioski o mLegitymację", wholeA),
            new("GET", $"/schools/{s.A.Id}/settings", "Ustawienia szkoły", wholeA),
            new("GET", $"/schools/{s.A.Id}/photos", "Plik ZIP", [SecretaryA, OperatorA]),
            new("GET", $"/schools/{s.B.Id}/applications", "Wnioski o mLegitymację", [TwoSchools.SecretaryB]),
            new("GET", $"/photos/{photoId}.jpg", "JPEG-MATRIX-MARKER", [.. wholeA, Teacher6A, GuardianA]),
            new("GET", "/review", child.FamilyName, [SecretaryA, OperatorA, Teacher6A], IsList: true),
            new("GET", $"/classes/{s.A6.Id}", "id=\"report\"", [SecretaryA, OperatorA, Teacher6A], IsList: true),
            new("GET", $"/codes/{batchId}", "Kartki do wydruku (PDF)", [SecretaryA, OperatorA]),
            new("GET", $"/codes/{batchId}/progress", "\"done\":25", [SecretaryA, OperatorA]),
            new("GET", $"/codes/slips/{slipSetId}/pdf", "%PDF", [SecretaryA, OperatorA]),
            new("POST", $"/pupils/{child.Id}?handler=Code", "nie jest gotowy do wydania kodu", [SecretaryA, OperatorA]),
            new("POST", $"/pupils/{s.PupilInB.Id}?handler=Code", "nie jest gotowy do wydania kodu", [TwoSchools.SecretaryB]),
        ];

        var failures = new List<string>();
        foreach (var user in Everyone)
        {
            using var client = await fixture.App.SignInAsync(user);
            var token = TestApp.AntiforgeryToken().Match(await client.GetStringAsync("/")).Groups[1].Value;
            foreach (var c in cases)
            {
                using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Url);
                if (c.Body is not null)
                {
                    request.Content = new StringContent(c.Body, Encoding.UTF8, "text/csv");
                }
                else if (c.Method == "POST" && c.Url.StartsWith("/api", StringComparison.Ordinal))
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                else if (c.Method == "POST")
                {
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
                }

                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var allowed = c.Allowed.Contains(user);
                if (allowed && (response.StatusCode != HttpStatusCode.OK || !body.Contains(c.Marker, StringComparison.Ordinal)))
                {
                    failures.Add($"{user} {c.Method} {c.Url}: expected 200 with '{c.Marker}', got {(int)response.StatusCode}");
                }
                else if (!allowed && (body.Contains(c.Marker, StringComparison.Ordinal)
                                      || (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
                                          && !(c.IsList && response.StatusCode == HttpStatusCode.OK))))
                {
                    failures.Add($"{user} {c.Method} {c.Url}: expected 403/404 without the data, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Guardians_have_no_photo_review_page()
    {
        using var guardian = await fixture.App.SignInAsync(GuardianA);
        using var response = await guardian.GetAsync("/review");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Api_writes_with_a_cross_site_form_content_type_are_refused(string contentType)
    {
        using var client = await fixture.App.SignInAsync(SecretaryA);
        var schoolId = await fixture.App.WithDbAsync(db => db.Schools.Where(s => s.Rspo == "987654").Select(s => s.Id).SingleAsync());
        using var response = await client.PostAsync($"/api/v1/schools/{schoolId}/students/import?dryRun=true",
            new StringContent("class;given_names", Encoding.UTF8, contentType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("/", HttpStatusCode.Redirect)]
    [InlineData("/pupils/0193a000-0000-7000-8000-000000000000", HttpStatusCode.Redirect)]
    [InlineData("/api/v1/schools", HttpStatusCode.Unauthorized)]
    public async Task Anonymous_callers_are_sent_to_sign_in(string url, HttpStatusCode expected)
    {
        using var client = fixture.App.AnonymousClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
    }
}
