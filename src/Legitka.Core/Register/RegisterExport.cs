using System.Text;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Register;

/// <summary>The school's register of pupils and their cards, as CSV (UTF-8 with BOM so spreadsheets read the diacritics).</summary>
public sealed class RegisterExport(LegitkaDbContext db)
{
    public static readonly string[] Columns =
    [
        "class", "family_name", "given_names", "pesel", "id_document", "birth_date",
        "card_number", "card_issue_date", "card_valid_until", "card_status", "card_invalidation_reason",
    ];

    public async Task WriteCsvAsync(Guid schoolId, Stream output, Actor actor, CancellationToken ct = default)
    {
        var today = WarsawCalendar.Today(db.Clock);
        var rows = await (
            from pupil in db.Pupils.AsNoTracking()
            where pupil.SchoolId == schoolId
            join schoolClass in db.Classes on pupil.ClassId equals schoolClass.Id
            join card in db.Cards on pupil.Id equals card.PupilId into cards
            from card in cards.DefaultIfEmpty()
            select new { ClassName = schoolClass.Name, pupil, card })
            .ToListAsync(ct);

        db.Audit(actor, "register.exported", nameof(School), schoolId, schoolId, new { rows = rows.Count });
        await db.SaveChangesAsync(ct);

        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', Columns));
        foreach (var row in rows.OrderBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.pupil.FamilyName, PolishOrder.Names).ThenBy(r => r.pupil.GivenNames, PolishOrder.Names)
                     .ThenBy(r => r.card?.IssueDate))
        {
            var p = row.pupil;
            var c = row.card;
            string?[] fields =
            [
                row.ClassName, p.FamilyName, p.GivenNames, p.Pesel,
                p.IdDocumentNumber is null ? null : $"{p.IdDocumentKind}:{p.IdDocumentNumber}",
                p.BirthDate.ToString("yyyy-MM-dd"), c?.Number, c?.IssueDate.ToString("yyyy-MM-dd"),
                c?.ValidUntil.ToString("yyyy-MM-dd"), c?.StatusOn(today).ToString().ToLowerInvariant(), c?.InvalidationReason,
            ];
            await writer.WriteLineAsync(string.Join(',', fields.Select(Csv.Escape)));
        }
    }
}
