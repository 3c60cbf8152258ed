using Legitka.Audit;
using Legitka.Data;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Import;

/// <summary>
/// Applies the e-diary's pupil list to one school's registry: all or nothing. Any problem, in the file or
/// against the database, refuses the whole file; a valid file is written in one transaction.
/// Pupils are matched by PESEL (or document), so importing the same file twice changes nothing. Changed rows go
/// through EF Core; new rows (most of a first import) through <see cref="BulkInsert"/>.
/// </summary>
public sealed class StudentImporter(LegitkaDbContext db)
{
    public async Task<ImportOutcome> ImportAsync(Guid schoolId, ReadOnlyMemory<byte> csv, bool dryRun, Actor actor, CancellationToken ct = default)
    {
        var parsed = StudentCsv.Parse(csv.Span);
        if (parsed.Problems.Count > 0)
        {
            return ImportOutcome.Refused(parsed.Problems);
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var classes = await db.Classes.Where(c => c.SchoolId == schoolId).ToDictionaryAsync(c => c.Name, StringComparer.OrdinalIgnoreCase, ct);
        var pupils = await db.Pupils.Where(p => p.SchoolId == schoolId).ToListAsync(ct);
        var pupilsByKey = pupils.ToDictionary(p => p.IdentityKey, StringComparer.Ordinal);
        var cards = await db.Cards.Where(c => c.SchoolId == schoolId).ToListAsync(ct);
        var cardsByNumber = cards.ToDictionary(c => c.Number, StringComparer.Ordinal);
        var currentCards = cards.Where(c => c.InvalidatedAt is null).ToLookup(c => c.PupilId);
        var pupilIds = pupils.Select(p => p.Id).ToHashSet();
        var guardians = (await db.PupilGuardians.AsNoTracking().Where(g => db.Pupils.Any(p => p.Id == g.PupilId && p.SchoolId == schoolId)).ToListAsync(ct))
            .GroupBy(g => g.PupilId).ToDictionary(g => g.Key, g => g.Select(x => x.Email).ToHashSet(StringComparer.Ordinal));

        var problems = new List<ImportProblem>();
        foreach (var record in parsed.Records)
        {
            if (cardsByNumber.TryGetValue(record.CardNumber, out var card)
                && (!pupilsByKey.TryGetValue(record.IdentityKey, out var owner) || owner.Id != card.PupilId))
            {
                problems.Add(new ImportProblem(record.Line, "card_number",
                    $"card number {record.CardNumber} already belongs to another pupil of this school",
                    $"numer legitymacji {record.CardNumber} należy już do innego ucznia tej szkoły"));
            }
        }

        if (problems.Count > 0)
        {
            return ImportOutcome.Refused(problems);
        }

        var summary = new ImportSummary();
        var added = new NewRows();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var record in parsed.Records)
            {
                var schoolClass = ClassFor(record.ClassName);
                if (pupilsByKey.TryGetValue(record.IdentityKey, out var pupil))
                {
                    var changed = Apply(pupil, record, schoolClass.Id);
                    changed |= ApplyCard(pupil, record);
                    changed |= ApplyGuardians(pupil.Id, record);
                    if (changed)
                    {
                        pupil.UpdatedAt = now;
                        db.Pupils.Update(pupil);
                        added.Audit.Add(db.NewAuditEntry(actor, "pupil.updated", nameof(Pupil), pupil.Id, schoolId, new { source = "import", line = record.Line }));
                        summary.Updated++;
                    }
                    else
                    {
                        summary.Unchanged++;
                    }
                }
                else
                {
                    pupil = new Pupil
                    {
                        SchoolId = schoolId,
                        ClassId = schoolClass.Id,
                        GivenNames = record.GivenNames,
                        FamilyName = record.FamilyName,
                        Pesel = record.Pesel,
                        IdDocumentKind = record.IdDocumentKind,
                        IdDocumentNumber = record.IdDocumentNumber,
                        BirthDate = record.BirthDate,
                        Address = record.Address,
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    added.Pupils.Add(pupil);
                    pupilsByKey[record.IdentityKey] = pupil;
                    ApplyCard(pupil, record);
                    ApplyGuardians(pupil.Id, record);
                    added.Audit.Add(db.NewAuditEntry(actor, "pupil.added", nameof(Pupil), pupil.Id, schoolId, new { source = "import", line = record.Line }));
                    summary.Added++;
                }
            }

            if (!dryRun)
            {
                try
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    // Classes first: a known pupil may move into a class this file creates.
                    await BulkInsert.InsertAsync(db, added.Classes, ct);
                    await db.SaveChangesAsync(ct);
                    await added.InsertAsync(db, ct);
                    await transaction.CommitAsync(ct);
                }
                catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
                {
                    // Checked above against what was read; only a concurrent change (another import) gets here.
                    return ImportOutcome.Refused([new ImportProblem(0, null,
                        "the registry changed while this file was being imported (another import at the same time?); nothing was written, try again",
                        "rejestr zmienił się w trakcie importu (inny import w tym samym czasie?); nic nie zapisano, spróbuj ponownie")]);
                }

                if (added.Pupils.Count >= TableStatistics.BulkRows)
                {
                    await TableStatistics.RefreshAsync(db, [typeof(Pupil), typeof(Card), typeof(PupilGuardian)]);
                }
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        return ImportOutcome.Done(summary, dryRun);

        SchoolClass ClassFor(string name)
        {
            if (!classes.TryGetValue(name, out var schoolClass))
            {
                schoolClass = new SchoolClass { SchoolId = schoolId, Name = name };
                classes[name] = schoolClass;
                added.Classes.Add(schoolClass);
                added.Audit.Add(db.NewAuditEntry(actor, "class.created", nameof(SchoolClass), schoolClass.Id, schoolId, new { name, source = "import" }));
                summary.ClassesCreated++;
            }

            return schoolClass;
        }

        bool ApplyCard(Pupil pupil, StudentRecord record)
        {
            if (cardsByNumber.TryGetValue(record.CardNumber, out var card))
            {
                if (card.IssueDate == record.CardIssueDate && card.ValidUntil == record.CardValidUntil)
                {
                    return false;
                }

                card.IssueDate = record.CardIssueDate;
                card.ValidUntil = record.CardValidUntil;
                db.Cards.Update(card);
                return true;
            }

            // A new number for a known pupil is a new card (e.g. a duplicate): the previous one stops being current.
            foreach (var previous in currentCards[pupil.Id])
            {
                previous.InvalidatedAt = now;
                previous.InvalidationReason = $"replaced by card {record.CardNumber}";
                db.Cards.Update(previous);
            }

            card = new Card
            {
                SchoolId = schoolId,
                PupilId = pupil.Id,
                Number = record.CardNumber,
                IssueDate = record.CardIssueDate,
                ValidUntil = record.CardValidUntil,
            };
            cardsByNumber[card.Number] = card;
            added.Cards.Add(card);
            return true;
        }

        // The e-diary is the source of truth: with a guardian_email column, the links become exactly what the file says
        // (a guardian removed there, e.g. by a court order, loses access here). Without the column, links are kept.
        bool ApplyGuardians(Guid pupilId, StudentRecord record)
        {
            var changed = false;
            if (!guardians.TryGetValue(pupilId, out var linked))
            {
                guardians[pupilId] = linked = new HashSet<string>(StringComparer.Ordinal);
            }

            foreach (var email in record.GuardianEmails)
            {
                if (linked.Add(email))
                {
                    added.Guardians.Add(new PupilGuardian { PupilId = pupilId, Email = email });
                    added.Audit.Add(db.NewAuditEntry(actor, "guardian.linked", nameof(Pupil), pupilId, schoolId, new { email, line = record.Line }));
                    changed = true;
                }
            }

            if (!parsed.HasGuardianColumn)
            {
                return changed;
            }

            foreach (var email in linked.Where(e => !record.GuardianEmails.Contains(e)).ToList())
            {
                linked.Remove(email);
                db.PupilGuardians.Remove(new PupilGuardian { PupilId = pupilId, Email = email });
                added.Audit.Add(db.NewAuditEntry(actor, "guardian.unlinked", nameof(Pupil), pupilId, schoolId, new { email, line = record.Line }));
                changed = true;
            }

            return changed;
        }
    }

    private static bool Apply(Pupil pupil, StudentRecord record, Guid classId)
    {
        var changed = pupil.ClassId != classId || pupil.GivenNames != record.GivenNames || pupil.FamilyName != record.FamilyName
            || pupil.BirthDate != record.BirthDate || pupil.Address != record.Address;
        pupil.ClassId = classId;
        pupil.GivenNames = record.GivenNames;
        pupil.FamilyName = record.FamilyName;
        pupil.BirthDate = record.BirthDate;
        pupil.Address = record.Address;
        return changed;
    }
}

/// <summary>Rows the import creates, written in bulk (parents first) in the import's transaction.</summary>
internal sealed class NewRows
{
    public List<SchoolClass> Classes { get; } = [];
    public List<Pupil> Pupils { get; } = [];
    public List<Card> Cards { get; } = [];
    public List<PupilGuardian> Guardians { get; } = [];
    public List<AuditEntry> Audit { get; } = [];

    /// <summary>Everything but the classes, which go in before the updates of known pupils.</summary>
    public async Task InsertAsync(LegitkaDbContext db, CancellationToken ct)
    {
        await BulkInsert.InsertAsync(db, Pupils, ct);
        await BulkInsert.InsertAsync(db, Cards, ct);
        await BulkInsert.InsertAsync(db, Guardians, ct);
        await db.AppendAuditEntriesAsync(Audit, ct);
    }
}

public sealed class ImportSummary
{
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int ClassesCreated { get; set; }
}

public sealed record ImportOutcome(IReadOnlyList<ImportProblem> Problems, ImportSummary? Summary, bool DryRun)
{
    public bool Succeeded => Problems.Count == 0;

    public static ImportOutcome Refused(IReadOnlyList<ImportProblem> problems) => new(problems, null, false);

    public static ImportOutcome Done(ImportSummary summary, bool dryRun) => new([], summary, dryRun);
}
