using System.Text.Json;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Legitka.Notifications;

/// <summary>
/// Tells the guardians when their child's mLegitymacja is activated on a phone, and that a previous phone lost it: an
/// activation the family did not make (a slip taken from a desk) comes to light the same day, not at an inspection.
/// </summary>
public sealed class ActivationNotices(IOptions<LegitkaOptions> options) : IAuditFollowUp
{
    public const string ActivatedAction = "mobileid.activated";

    public async Task OnSealedAsync(LegitkaDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var activations = entries.Where(e => e.Action == ActivatedAction && Guid.TryParse(e.EntityId, out _)).ToList();
        if (activations.Count == 0)
        {
            return;
        }

        var pupilIds = activations.Select(e => Guid.Parse(e.EntityId!)).Distinct().ToList();
        var names = await db.Pupils.Where(p => EF.Parameter(pupilIds).Contains(p.Id))
            .Select(p => new { p.Id, Name = p.GivenNames + " " + p.FamilyName }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var guardians = (await db.PupilGuardians.AsNoTracking().Where(g => EF.Parameter(pupilIds).Contains(g.PupilId)).ToListAsync(ct))
            .ToLookup(g => g.PupilId, g => g.Email);
        foreach (var entry in activations)
        {
            var pupilId = Guid.Parse(entry.EntityId!);
            if (!names.TryGetValue(pupilId, out var name))
            {
                continue;
            }

            var text = GuardianMessages.MobileIdActivated(name, WarsawCalendar.Local(entry.At), EndedAnotherPhone(entry.Details),
                options.Value.PupilUrl(pupilId));
            // An address the mail library cannot take is skipped, not thrown on: that would roll back the sealing of every
            // school's audit entries, again at each retry.
            foreach (var email in guardians[pupilId].Where(Notifier.IsDeliverable))
            {
                Notifier.Enqueue(db, email, text, entry.SchoolId);
            }
        }
    }

    private static bool EndedAnotherPhone(string? details)
    {
        if (details is null)
        {
            return false;
        }

        using var document = JsonDocument.Parse(details);
        return document.RootElement.TryGetProperty("ended", out var ended) && ended.ValueKind == JsonValueKind.Array && ended.GetArrayLength() > 0;
    }
}
