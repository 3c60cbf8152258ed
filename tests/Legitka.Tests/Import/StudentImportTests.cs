using Legitka.Audit;
using Legitka.Data;
using Legitka.Import;
using Legitka.Registry;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Import;

/// <summary>The import against a real database (SQLite or PostgreSQL, per run), each test in its own school.</summary>
public sealed class StudentImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly Actor Tester = new(null, "test");

    private async Task<Guid> NewSchoolAsync() => await fixture.App.WithDbAsync(async db =>
    {
        var school = new School { Name = "Liceum Ogólnokształcące nr 3", Rspo = Random.Shared.Next(100000, 999999).ToString(), Address = "ul. Żytnia 3, 00-001 Warszawa" };
        db.Schools.Add(school);
        await db.SaveChangesAsync();
        return school.Id;
    });

    private async Task<ImportOutcome> ImportAsync(Guid schoolId, byte[] csv, bool dryRun = false)
    {
        await using var scope = fixture.App.Scope();
        return await scope.ServiceProvider.GetRequiredService<StudentImporter>().ImportAsync(schoolId, csv, dryRun, Tester);
    }

    private Task<(int Pupils, int Cards, int Classes, int Guardians, long Audit)> CountsAsync(Guid schoolId) => fixture.App.WithDbAsync(async db => (
        await db.Pupils.CountAsync(p => p.SchoolId == schoolId),
        await db.Cards.CountAsync(c => c.SchoolId == schoolId),
        await db.Classes.CountAsync(c => c.SchoolId == schoolId),
        await db.PupilGuardians.CountAsync(g => db.Pupils.Any(p => p.Id == g.PupilId && p.SchoolId == schoolId)),
        await db.AuditEntries.LongCountAsync()));

    [Fact]
    public async Task Valid_file_is_written_and_a_second_import_changes_nothing()
    {
        var school = await NewSchoolAsync();
        var csv = CsvSamples.Pupils(40);

        var first = await ImportAsync(school, csv);
        Assert.True(first.Succeeded);
        Assert.Equal((40, 0, 0, 10), (first.Summary!.Added, first.Summary.Updated, first.Summary.Unchanged, first.Summary.ClassesCreated));
        var afterFirst = await CountsAsync(school);
        Assert.Equal((40, 40, 10, 40), (afterFirst.Pupils, afterFirst.Cards, afterFirst.Classes, afterFirst.Guardians));

        // New rows go in through the bulk path: the audit entries it sealed must verify like any others.
        var chain = await fixture.App.VerifyAuditAsync();
        Assert.True(chain.Intact, chain.Problem);
        // 40 pupils added, 10 classes created, 40 guardian links.
        Assert.Equal(90, await fixture.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.SchoolId == school && e.ActorName == "test")));

        var second = await ImportAsync(school, csv);
        Assert.Equal((0, 0, 40, 0), (second.Summary!.Added, second.Summary.Updated, second.Summary.Unchanged, second.Summary.ClassesCreated));
        Assert.Equal(afterFirst, await CountsAsync(school));
    }

    [Fact]
    public async Task Changed_address_updates_one_pupil_and_is_audited()
    {
        var school = await NewSchoolAsync();
        var birth = new DateOnly(2011, 4, 2);
        await ImportAsync(school, CsvSamples.File(CsvSamples.Row("3C", "Jan", "Wójcik", birth, 11, "X/1"), CsvSamples.Row("3C", "Ewa", "Wójcik", birth, 22, "X/2")));
        var moved = CsvSamples.Row("3C", "Jan", "Wójcik", birth, 11, "X/1").Replace("ul. Długa 5/3", "ul. Krótka 1");

        var outcome = await ImportAsync(school, CsvSamples.File(moved, CsvSamples.Row("3C", "Ewa", "Wójcik", birth, 22, "X/2")));

        Assert.Equal((0, 1, 1), (outcome.Summary!.Added, outcome.Summary.Updated, outcome.Summary.Unchanged));
        var (address, audited) = await fixture.App.WithDbAsync(async db =>
        {
            var pupil = await db.Pupils.SingleAsync(p => p.SchoolId == school && p.GivenNames == "Jan");
            return (pupil.Address, await db.AuditEntries.AnyAsync(e => e.Action == "pupil.updated" && e.EntityId == pupil.Id.ToString()));
        });
        Assert.StartsWith("ul. Krótka 1", address);
        Assert.True(audited);
    }

    [Fact]
    public async Task Any_bad_row_writes_nothing_at_all()
    {
        var school = await NewSchoolAsync();
        var rows = Enumerable.Range(0, 30).Select(i => CsvSamples.Row("2A", "Ola", $"Nowak{i}", new DateOnly(2012, 1, 1).AddDays(i), i, $"C/{i}")).ToList();
        rows[25] = rows[25].Replace("2012-01-26", "2012-01-27"); // line 27: birth date contradicts the PESEL
        var before = await CountsAsync(school);

        var outcome = await ImportAsync(school, CsvSamples.File([.. rows]));

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((27, "birth_date"), (problem.Line, problem.Column));
        Assert.Equal(before, await CountsAsync(school));
    }

    [Fact]
    public async Task Card_number_of_another_pupil_in_the_database_is_refused()
    {
        var school = await NewSchoolAsync();
        await ImportAsync(school, CsvSamples.File(CsvSamples.Row("1A", "Jan", "Nowak", new DateOnly(2013, 5, 5), 1, "K/100")));
        var before = await CountsAsync(school);

        var outcome = await ImportAsync(school, CsvSamples.File(
            CsvSamples.Row("1A", "Zuzanna", "Kowalska", new DateOnly(2013, 6, 6), 2, "K/101"),
            CsvSamples.Row("1B", "Adam", "Mickiewicz", new DateOnly(2013, 7, 7), 3, "K/100")));

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((3, "card_number"), (problem.Line, problem.Column));
        Assert.Equal(before, await CountsAsync(school));
    }

    [Fact]
    public async Task Dry_run_reports_without_writing()
    {
        var school = await NewSchoolAsync();
        var before = await CountsAsync(school);
        var outcome = await ImportAsync(school, CsvSamples.Pupils(5), dryRun: true);
        Assert.True(outcome.DryRun);
        Assert.Equal(5, outcome.Summary!.Added);
        Assert.Equal(before, await CountsAsync(school));
    }

    [Fact]
    public async Task New_card_number_for_a_known_pupil_invalidates_the_previous_card()
    {
        var school = await NewSchoolAsync();
        var birth = new DateOnly(2010, 10, 10);
        await ImportAsync(school, CsvSamples.File(CsvSamples.Row("8A", "Jan", "Kos", birth, 5, "D/1")));
        await ImportAsync(school, CsvSamples.File(CsvSamples.Row("8A", "Jan", "Kos", birth, 5, "D/2")));
        var cards = await fixture.App.WithDbAsync(db => db.Cards.Where(c => c.SchoolId == school).OrderBy(c => c.Number).ToListAsync());
        Assert.Equal(2, cards.Count);
        Assert.NotNull(cards[0].InvalidatedAt);
        Assert.Contains("D/2", cards[0].InvalidationReason);
        Assert.Null(cards[1].InvalidatedAt);
    }

    [Fact]
    public async Task September_file_moves_pupils_into_new_classes_and_syncs_guardians()
    {
        var school = await NewSchoolAsync();
        var birth = new DateOnly(2012, 9, 9);
        await ImportAsync(school, CsvSamples.File(
            CsvSamples.Row("6A", "Jan", "Lis", birth, 71, "S/1", "mama@example.pl|tata@example.pl"),
            CsvSamples.Row("6A", "Ewa", "Lis", birth, 72, "S/2", "mama@example.pl")));

        var outcome = await ImportAsync(school, CsvSamples.File(
            CsvSamples.Row("7A", "Jan", "Lis", birth, 71, "S/1", "mama@example.pl"),
            CsvSamples.Row("7A", "Ewa", "Lis", birth, 72, "S/2", "mama@example.pl")));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));
        Assert.Equal((0, 2, 1), (outcome.Summary!.Added, outcome.Summary.Updated, outcome.Summary.ClassesCreated));
        var (classes, links, unlinked) = await fixture.App.WithDbAsync(async db => (
            await db.Pupils.Where(p => p.SchoolId == school).Select(p => db.Classes.Single(c => c.Id == p.ClassId).Name).Distinct().ToListAsync(),
            await db.PupilGuardians.CountAsync(g => db.Pupils.Any(p => p.Id == g.PupilId && p.SchoolId == school)),
            await db.AuditEntries.CountAsync(e => e.SchoolId == school && e.Action == "guardian.unlinked")));
        Assert.Equal(["7A"], classes);
        Assert.Equal(2, links);
        Assert.Equal(1, unlinked);
    }

    [Fact]
    public async Task Value_longer_than_the_registry_keeps_is_refused_with_its_line()
    {
        var school = await NewSchoolAsync();
        var outcome = await ImportAsync(school, CsvSamples.File(CsvSamples.Row("1A", "Jan", new string('W', 201), new DateOnly(2013, 1, 1), 1, "Z/1")));
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((2, "family_name"), (problem.Line, problem.Column));
        Assert.Contains("at most 200", problem.Message);
    }
}
