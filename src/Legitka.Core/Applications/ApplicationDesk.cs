using Legitka.Access;
using Legitka.Audit;
using Legitka.Accounts;
using Legitka.Data;
using Legitka.Procedure;
using Legitka.Registry;
using Legitka.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Legitka.Applications;

/// <summary>
/// Applications (wnioski) and objections (sprzeciwy): a guardian files online, the secretary records a paper one,
/// the director decides. Which of the two a school accepts follows its <see cref="IssuancePolicy"/>.
/// </summary>
public sealed class ApplicationDesk(LegitkaDbContext db, IOptions<LegitkaOptions> options)
{
    public static readonly StaffRole[] Recorders = [StaffRole.Secretary, StaffRole.Operator];
    public static readonly StaffRole[] Deciders = [StaffRole.Director];

    /// <summary>
    /// What a school's policy asks of guardians, and the state in which that record stands (until withdrawn): an
    /// application waits for the director; an objection needs no decision.
    /// </summary>
    public static (ApplicationKind Kind, ApplicationState Standing) AskedUnder(IssuancePolicy policy) => policy == IssuancePolicy.OnApplication
        ? (ApplicationKind.Application, ApplicationState.Pending)
        : (ApplicationKind.Objection, ApplicationState.Approved);

    /// <summary>Who files and withdraws for a pupil: a guardian the e-diary links to the pupil, or the office from paper.</summary>
    public static bool MayFile(Viewer viewer, Pupil pupil, bool isGuardian) => isGuardian || viewer.Has(pupil.SchoolId, Recorders);

    /// <summary>Whether the viewer is a guardian the e-diary links to the pupil (by the viewer's confirmed e-mail address).</summary>
    public Task<bool> IsGuardianAsync(Viewer viewer, Guid pupilId, CancellationToken ct) =>
        viewer.ConfirmedEmail is { } email ? db.PupilGuardians.AnyAsync(g => g.PupilId == pupilId && g.Email == email, ct) : Task.FromResult(false);

    public async Task<ProcedureResult> SubmitAsync(Viewer viewer, Guid pupilId, CancellationToken ct = default)
    {
        var pupil = await db.VisiblePupils(viewer).SingleOrDefaultAsync(p => p.Id == pupilId, ct);
        if (pupil is null)
        {
            return ProcedureResult.NotFound;
        }

        var isGuardian = await IsGuardianAsync(viewer, pupilId, ct);
        if (!MayFile(viewer, pupil, isGuardian))
        {
            return ProcedureResult.Refused("not_allowed",
                "Only the pupil's guardian, or the secretary recording a paper form, can file this.",
                "Wniosek składa opiekun ucznia albo sekretariat, wpisując wniosek papierowy.");
        }

        var policy = await db.Schools.Where(s => s.Id == pupil.SchoolId).Select(s => s.Policy).SingleAsync(ct);
        var kind = AskedUnder(policy).Kind;
        var alreadyFiled = ProcedureResult.Refused("already_filed", "An application for this pupil is already pending or approved.",
            kind == ApplicationKind.Application
                ? "Wniosek dla tego ucznia już złożono (czeka na decyzję albo został zatwierdzony)."
                : "Sprzeciw dla tego ucznia już złożono.");
        if (await db.Applications.AnyAsync(a => a.PupilId == pupilId && a.Kind == kind
                                                && (a.State == ApplicationState.Pending || a.State == ApplicationState.Approved), ct))
        {
            return alreadyFiled;
        }

        var application = new MobileIdApplication
        {
            SchoolId = pupil.SchoolId,
            PupilId = pupilId,
            Kind = kind,
            Source = isGuardian ? ApplicationSource.Online : ApplicationSource.Paper,
            SubmittedById = viewer.UserId,
            SubmittedByName = viewer.Name,
            SubmittedAt = db.Clock.GetUtcNow().UtcDateTime,
            // An objection needs no decision: the law gives the guardian the last word.
            State = kind == ApplicationKind.Objection ? ApplicationState.Approved : ApplicationState.Pending,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Holds the school's row until this filing commits, and checks the policy it was filed under still stands: a policy
        // switch (SwitchPolicyAsync) either waits for it, and then closes it if it became unneeded, or came first.
        if (await db.Schools.Where(s => s.Id == pupil.SchoolId && s.Policy == policy).ExecuteUpdateAsync(u => u.SetProperty(s => s.Policy, policy), ct) == 0)
        {
            return ProcedureResult.Refused("policy_changed", "The school has just changed its issuance policy; reload the page.",
                "Szkoła właśnie zmieniła zasady wydawania mLegitymacji. Odśwież stronę.");
        }

        db.Applications.Add(application);
        db.Audit(viewer.Actor, kind == ApplicationKind.Application ? "application.filed" : "objection.filed", nameof(MobileIdApplication),
            application.Id, pupil.SchoolId, new { pupil = pupilId, source = application.Source.ToString() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A double click: the unique index on open applications let the first one in.
            db.ChangeTracker.Clear();
            return alreadyFiled;
        }

        await transaction.CommitAsync(ct);
        return ProcedureResult.Ok;
    }

    /// <summary>
    /// The guardian (or the secretary, from a paper form) takes back a pending application or a standing objection.
    /// An approved application stays: ending an mLegitymacja already issued is the school's revocation, not this.
    /// </summary>
    /// <param name="confirmed">Withdrawing an objection lets the school issue the mLegitymacja: the one withdrawing confirms that.</param>
    public async Task<ProcedureResult> WithdrawAsync(Viewer viewer, Guid pupilId, bool confirmed, CancellationToken ct = default)
    {
        var pupil = await db.VisiblePupils(viewer).SingleOrDefaultAsync(p => p.Id == pupilId, ct);
        if (pupil is null)
        {
            return ProcedureResult.NotFound;
        }

        if (!MayFile(viewer, pupil, await IsGuardianAsync(viewer, pupilId, ct)))
        {
            return ProcedureResult.Refused("not_allowed", "Only the pupil's guardian, or the secretary, can withdraw it.",
                "Wycofać może opiekun ucznia albo sekretariat.");
        }

        var nothingToWithdraw = ProcedureResult.Refused("nothing_to_withdraw", "There is no pending application or standing objection to withdraw.",
            "Nie ma wniosku czekającego na decyzję ani sprzeciwu, który można wycofać.");
        // What the school's policy asks for now (as the page shows it): a school that switched policy may still hold
        // a record of the other kind, which this does not touch.
        var policy = await db.Schools.Where(s => s.Id == pupil.SchoolId).Select(s => s.Policy).SingleAsync(ct);
        var (kind, state) = AskedUnder(policy);
        if (kind == ApplicationKind.Objection && !confirmed)
        {
            return ProcedureResult.Refused("confirmation_required", "Confirm that the school will then issue the mobile ID.",
                "Zaznacz, że rozumiesz, że po wycofaniu sprzeciwu szkoła wyda mLegitymację.");
        }

        var openId = await db.Applications.Where(a => a.PupilId == pupilId && a.Kind == kind && a.State == state)
            .OrderByDescending(a => a.SubmittedAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        if (openId is not { } id)
        {
            return nothingToWithdraw;
        }

        // Exactly once: only while it is as read (a director deciding at the same moment wins, or this does).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        // Who closed it and when, as for a decision: the director's list of recent decisions shows withdrawals too.
        if (await db.Applications.Where(a => a.Id == id && a.State == state)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(a => a.State, ApplicationState.Withdrawn)
                    .SetProperty(a => a.DecidedById, viewer.UserId)
                    .SetProperty(a => a.DecidedByName, viewer.Name)
                    .SetProperty(a => a.DecidedAt, now), ct) == 0)
        {
            return nothingToWithdraw;
        }

        db.Audit(viewer.Actor, kind == ApplicationKind.Application ? "application.withdrawn" : "objection.withdrawn",
            nameof(MobileIdApplication), id, pupil.SchoolId, new { pupil = pupilId });
        // Every guardian hears of it: an objection withdrawn means the school will now issue the mLegitymacja.
        var pupilName = pupil.GivenNames + " " + pupil.FamilyName;
        var link = options.Value.PupilUrl(pupilId);
        await Notifier.EnqueueToGuardiansAsync(db, pupilId, pupil.SchoolId, kind == ApplicationKind.Application
            ? GuardianMessages.ApplicationWithdrawn(pupilName, viewer.Name, link)
            : GuardianMessages.ObjectionWithdrawn(pupilName, viewer.Name, link), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ProcedureResult.Ok;
    }

    public async Task<ProcedureResult> DecideAsync(Viewer viewer, Guid applicationId, bool approve, string? reason, CancellationToken ct = default)
    {
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null || !viewer.Has(application.SchoolId, Deciders))
        {
            return ProcedureResult.NotFound;
        }

        var alreadyDecided = ProcedureResult.Refused("already_decided", "The application has already been decided.", "Wniosek został już rozpatrzony.");
        var withdrawn = ProcedureResult.Refused("withdrawn", "The application has been withdrawn.", "Wniosek został wycofany przez opiekuna lub sekretariat.");
        if (application.State != ApplicationState.Pending)
        {
            return application.State switch
            {
                ApplicationState.Withdrawn => withdrawn,
                ApplicationState.Closed => ProcedureResult.Refused("closed", "The application was closed: the school now issues without one.",
                    "Wniosek został zamknięty: szkoła wydaje teraz mLegitymację bez wniosku."),
                _ => alreadyDecided,
            };
        }

        reason = reason?.Trim();
        if (!approve && string.IsNullOrEmpty(reason))
        {
            return ProcedureResult.Refused("reason_required", "A declined application needs a reason for the guardian.",
                "Podaj powód odmowy — opiekun go otrzyma.");
        }

        if (reason is { Length: > 1000 })
        {
            return ProcedureResult.Refused("reason_too_long", "The reason may have at most 1000 characters.", "Powód może mieć najwyżej 1000 znaków.");
        }

        // Exactly once: only a pending application changes, so two decisions at the same moment cannot both win.
        var state = approve ? ApplicationState.Approved : ApplicationState.Declined;
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Applications.Where(a => a.Id == applicationId && a.State == ApplicationState.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.State, state)
                .SetProperty(a => a.DecidedById, viewer.UserId)
                .SetProperty(a => a.DecidedByName, viewer.Name)
                .SetProperty(a => a.DecidedAt, now)
                .SetProperty(a => a.DecisionReason, reason), ct);
        if (changed == 0)
        {
            return alreadyDecided;
        }

        db.Audit(viewer.Actor, approve ? "application.approved" : "application.declined", nameof(MobileIdApplication), application.Id,
            application.SchoolId, new { pupil = application.PupilId, reason });
        var pupilName = await db.Pupils.Where(p => p.Id == application.PupilId).Select(p => p.GivenNames + " " + p.FamilyName).SingleAsync(ct);
        var link = options.Value.PupilUrl(application.PupilId);
        await Notifier.EnqueueToGuardiansAsync(db, application.PupilId, application.SchoolId,
            approve ? GuardianMessages.ApplicationApproved(pupilName, link) : GuardianMessages.ApplicationDeclined(pupilName, reason!, link), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ProcedureResult.Ok;
    }

    /// <summary>
    /// Changes a school's policy together with what it leaves behind: a switch to opt-out closes the applications still
    /// waiting for the director (each only while still pending, so a decision or withdrawal made meanwhile stands),
    /// audits each and tells its guardians. The caller has authorized the change (the school's settings page, or the
    /// administrator's CLI) and holds the transaction, and saves. Returns how many were closed, or null when the school
    /// already had that policy (another save got there first: it closed them).
    /// </summary>
    public async Task<int?> SwitchPolicyAsync(Actor actor, Guid schoolId, IssuancePolicy policy, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A policy switch runs in the caller's transaction, with the rest of the settings.");
        }

        // The school's row is also what every filing locks (SubmitAsync): one made meanwhile either committed before this
        // update, and is closed below, or waits for it and then finds the new policy.
        if (await db.Schools.Where(s => s.Id == schoolId && s.Policy != policy).ExecuteUpdateAsync(u => u.SetProperty(s => s.Policy, policy), ct) == 0)
        {
            return null;
        }

        if (policy != IssuancePolicy.OptOut)
        {
            return 0;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        var pending = await db.Applications
            .Where(a => a.SchoolId == schoolId && a.Kind == ApplicationKind.Application && a.State == ApplicationState.Pending)
            .Join(db.Pupils, a => a.PupilId, p => p.Id, (a, p) => new { a.Id, a.PupilId, PupilName = p.GivenNames + " " + p.FamilyName })
            .ToListAsync(ct);
        var closed = 0;
        foreach (var application in pending)
        {
            if (await db.Applications.Where(a => a.Id == application.Id && a.State == ApplicationState.Pending)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(a => a.State, ApplicationState.Closed)
                        .SetProperty(a => a.DecidedById, actor.UserId)
                        .SetProperty(a => a.DecidedByName, actor.Name)
                        .SetProperty(a => a.DecidedAt, now), ct) == 0)
            {
                continue;
            }

            closed++;
            db.Audit(actor, "application.closed", nameof(MobileIdApplication), application.Id, schoolId,
                new { pupil = application.PupilId, why = "policy changed to opt-out" });
            await Notifier.EnqueueToGuardiansAsync(db, application.PupilId, schoolId,
                GuardianMessages.ApplicationNoLongerNeeded(application.PupilName, options.Value.PupilUrl(application.PupilId)), ct);
        }

        return closed;
    }

    /// <summary>How many applications wait for the school's director (a count only, for the school and settings pages).</summary>
    public Task<int> CountPendingAsync(Guid schoolId, CancellationToken ct = default) =>
        db.Applications.CountAsync(a => a.SchoolId == schoolId && a.State == ApplicationState.Pending, ct);

    /// <summary>Pending applications of the schools where the viewer decides, oldest first.</summary>
    public async Task<List<PendingApplication>> PendingAsync(Viewer viewer, Guid schoolId, CancellationToken ct = default)
    {
        if (!viewer.Has(schoolId, [.. Deciders, .. Recorders]))
        {
            return [];
        }

        return await (
            from a in db.Applications
            where a.SchoolId == schoolId && a.State == ApplicationState.Pending
            join p in db.Pupils on a.PupilId equals p.Id
            join c in db.Classes on p.ClassId equals c.Id
            orderby a.SubmittedAt
            select new PendingApplication(a.Id, p.Id, p.GivenNames + " " + p.FamilyName, c.Name, a.Source, a.SubmittedByName, a.SubmittedAt))
            .ToListAsync(ct);
    }

    /// <summary>The school's latest decided or withdrawn applications, newest first: what the director has done.</summary>
    public async Task<List<DecidedApplication>> RecentlyDecidedAsync(Viewer viewer, Guid schoolId, int take, CancellationToken ct = default)
    {
        if (!viewer.Has(schoolId, [.. Deciders, .. Recorders]))
        {
            return [];
        }

        return await (
            from a in db.Applications
            where a.SchoolId == schoolId && a.Kind == ApplicationKind.Application && a.State != ApplicationState.Pending
            join p in db.Pupils on a.PupilId equals p.Id
            join c in db.Classes on p.ClassId equals c.Id
            orderby a.DecidedAt ?? a.SubmittedAt descending
            select new DecidedApplication(p.Id, p.GivenNames + " " + p.FamilyName, c.Name, a.State, a.DecidedByName, a.DecidedAt, a.DecisionReason))
            .Take(take).ToListAsync(ct);
    }
}

public sealed record DecidedApplication(
    Guid PupilId, string PupilName, string ClassName, ApplicationState State, string? DecidedBy, DateTime? DecidedAt, string? Reason);

public sealed record PendingApplication(
    Guid Id, Guid PupilId, string PupilName, string ClassName, ApplicationSource Source, string SubmittedBy, DateTime SubmittedAt);
