using System.Text.Json;
using Legitka.Access;
using Legitka.Accounts;
using Legitka.Applications;
using Legitka.Data;
using Legitka.Photos;
using Legitka.Procedure;
using Legitka.Registry;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Readiness;

/// <summary>A class's progress towards codes, the homeroom teacher's "ready" report and the secretary's queue.</summary>
public sealed class ClassReadiness(LegitkaDbContext db)
{
    public static readonly StaffRole[] Reporters = [StaffRole.Secretary, StaffRole.Operator];

    /// <summary>Per pupil of a class the viewer can see: due, application, photo, card. Null when not visible.</summary>
    public async Task<ClassReadinessView?> GetAsync(Viewer viewer, Guid classId, CancellationToken ct = default)
    {
        var schoolClass = await db.VisibleClasses(viewer).AsNoTracking().SingleOrDefaultAsync(c => c.Id == classId, ct);
        if (schoolClass is null)
        {
            return null;
        }

        var policy = await db.Schools.Where(s => s.Id == schoolClass.SchoolId).Select(s => s.Policy).SingleAsync(ct);
        var rows = (await PupilRowsAsync(db.Pupils.Where(p => p.ClassId == classId), policy, ct)).Select(r => r.Row).ToList();
        var report = await db.ReadinessReports.AsNoTracking().Where(r => r.ClassId == classId)
            .OrderByDescending(r => r.ReportedAt).FirstOrDefaultAsync(ct);
        return new ClassReadinessView(schoolClass, policy, rows, report);
    }

    /// <param name="confirmedLeftOut">The pupils without a complete set the reporter confirmed one by one.</param>
    /// <param name="allUnreadySeen">
    /// With the one tick for "everyone without a complete set": the pupils the page listed so. The tick confirms those,
    /// not others: if the list has changed since (a photo rejected, a pupil added), the report is refused.
    /// </param>
    public async Task<ProcedureResult> ReportReadyAsync(Viewer viewer, Guid classId, IReadOnlyCollection<Guid> confirmedLeftOut,
        IReadOnlyCollection<Guid>? allUnreadySeen = null, CancellationToken ct = default)
    {
        var view = await GetAsync(viewer, classId, ct);
        if (view is null)
        {
            return ProcedureResult.NotFound;
        }

        var isHomeroomTeacher = view.Class.HomeroomTeacherId == viewer.UserId;
        if (!isHomeroomTeacher && !viewer.Has(view.Class.SchoolId, Reporters))
        {
            return ProcedureResult.Refused("not_allowed", "Only the homeroom teacher or the secretary reports a class ready.",
                "Gotowość klasy zgłasza wychowawca albo sekretariat.");
        }

        var ready = view.Pupils.Count(p => p.Ready);
        if (ready == 0)
        {
            // Before asking to confirm who is left out: with nobody ready, that confirmation would lead only here.
            return ProcedureResult.Refused("nobody_ready", "No pupil of the class is ready yet.",
                "Nikt z klasy nie jest jeszcze gotowy: zgłoś gotowość, gdy choć jeden uczeń będzie miał komplet.");
        }

        var notReady = view.Pupils.Where(p => !p.Ready).Select(p => p.PupilId).ToHashSet();
        if (allUnreadySeen is not null)
        {
            if (!notReady.SetEquals(allUnreadySeen))
            {
                return ProcedureResult.Refused("unready_changed", "The pupils without a complete set have changed since the page was shown.",
                    "Od otwarcia strony zmieniła się lista uczniów bez kompletu. Sprawdź ją i zgłoś gotowość ponownie.");
            }

            confirmedLeftOut = notReady;
        }

        var unconfirmed = notReady.Except(confirmedLeftOut).Count();
        if (unconfirmed > 0)
        {
            return ProcedureResult.Refused("left_out_unconfirmed",
                $"{unconfirmed} pupil(s) are not ready; confirm that they are left out of this batch.",
                $"Uczniowie bez kompletu ({unconfirmed}) muszą zostać potwierdzeni jako pominięci w tej partii.");
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ReadinessReports.Where(r => r.ClassId == classId && r.ClosedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosedAt, now), ct);
        var report = new ClassReadinessReport
        {
            SchoolId = view.Class.SchoolId,
            ClassId = classId,
            ReportedById = viewer.UserId,
            ReportedByName = viewer.Name,
            ReportedAt = now,
            LeftOutPupilIds = JsonSerializer.Serialize(notReady.Order()),
            ReadyPupils = ready,
        };
        db.ReadinessReports.Add(report);
        db.Audit(viewer.Actor, "class.reported-ready", nameof(SchoolClass), classId, view.Class.SchoolId,
            new { ready, leftOut = notReady.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ProcedureResult.Ok;
    }

    /// <summary>Classes reported ready and not yet taken into code generation: the secretary's queue.</summary>
    public async Task<List<ReadyClass>> QueueAsync(Viewer viewer, Guid schoolId, CancellationToken ct = default)
    {
        if (!viewer.Has(schoolId, Viewer.WholeSchool))
        {
            return [];
        }

        return await (
            from r in db.ReadinessReports
            where r.SchoolId == schoolId && r.ClosedAt == null
            join c in db.Classes on r.ClassId equals c.Id
            orderby r.ReportedAt
            select new ReadyClass(c.Id, c.Name, r.ReadyPupils, r.ReportedByName, r.ReportedAt))
            .ToListAsync(ct);
    }

    /// <summary>Progress of every class of a school, for the dashboard.</summary>
    public async Task<List<ClassProgress>> ProgressAsync(Viewer viewer, Guid schoolId, CancellationToken ct = default)
    {
        if (!viewer.Has(schoolId, Viewer.WholeSchool))
        {
            return [];
        }

        var policy = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Policy).SingleAsync(ct);
        var classes = await db.Classes.AsNoTracking().Where(c => c.SchoolId == schoolId).OrderBy(c => c.Name).ToListAsync(ct);
        var rows = await PupilRowsAsync(db.Pupils.Where(p => p.SchoolId == schoolId), policy, ct);
        var reported = await db.ReadinessReports.Where(r => r.SchoolId == schoolId && r.ClosedAt == null).Select(r => r.ClassId).ToListAsync(ct);
        return [.. classes.Select(c =>
        {
            var pupils = rows.Where(r => r.ClassId == c.Id).Select(r => r.Row).ToList();
            return new ClassProgress(c.Id, c.Name, pupils.Count, pupils.Count(p => p.Due),
                pupils.Count(p => p.LatestPhoto == PhotoState.Pending), pupils.Count(p => p.HasAcceptedPhoto),
                pupils.Count(p => p.LatestPhoto == PhotoState.Rejected && !p.HasAcceptedPhoto), pupils.Count(p => p.Ready), reported.Contains(c.Id));
        })];
    }

    /// <summary>
    /// <see cref="PupilReadiness.Ready"/> as one SQL query, for code generation over thousands of pupils: the same
    /// rules (the latest application or objection that is not withdrawn, an accepted photo, the latest card not
    /// invalidated and not expired), so the database does the work instead of loading every related row.
    /// </summary>
    public async Task<IQueryable<Pupil>> ReadyAsync(Guid schoolId, IQueryable<Pupil> pupils, CancellationToken ct = default)
    {
        var policy = await db.Schools.Where(s => s.Id == schoolId).Select(s => s.Policy).SingleAsync(ct);
        var wanted = policy == IssuancePolicy.OnApplication ? ApplicationKind.Application : ApplicationKind.Objection;
        var today = WarsawCalendar.Today(db.Clock);
        var withLatest = pupils.Select(p => new
        {
            Pupil = p,
            Application = db.Applications.Where(a => a.PupilId == p.Id && a.Kind == wanted && a.State != ApplicationState.Withdrawn)
                .OrderByDescending(a => a.SubmittedAt).Select(a => (ApplicationState?)a.State).FirstOrDefault(),
            CardValidUntil = db.Cards.Where(c => c.PupilId == p.Id && c.InvalidatedAt == null)
                .OrderByDescending(c => c.IssueDate).Select(c => (DateOnly?)c.ValidUntil).FirstOrDefault(),
            Photo = db.Photos.Any(f => f.PupilId == p.Id && f.State == PhotoState.Accepted),
        });
        var due = policy == IssuancePolicy.OnApplication
            ? withLatest.Where(x => x.Application == ApplicationState.Approved)
            : withLatest.Where(x => x.Application == null || x.Application != ApplicationState.Approved);
        return due.Where(x => x.Photo && x.CardValidUntil != null && x.CardValidUntil >= today).Select(x => x.Pupil);
    }

    private async Task<List<(Guid ClassId, PupilReadiness Row)>> PupilRowsAsync(IQueryable<Pupil> pupils, IssuancePolicy policy, CancellationToken ct)
    {
        var today = WarsawCalendar.Today(db.Clock);
        var list = (await pupils.AsNoTracking().ToListAsync(ct)).OrderBy(p => p.FamilyName, PolishOrder.Names).ThenBy(p => p.GivenNames, PolishOrder.Names).ToList();
        var ids = list.Select(p => p.Id).ToList();
        var applications = (await db.Applications.AsNoTracking().Where(a => ids.Contains(a.PupilId)).ToListAsync(ct)).ToLookup(a => a.PupilId);
        var photos = (await db.Photos.AsNoTracking().Where(p => ids.Contains(p.PupilId))
            .Select(p => new { p.PupilId, p.State, p.UploadedAt }).ToListAsync(ct)).ToLookup(p => p.PupilId);
        var cards = (await db.Cards.AsNoTracking().Where(c => ids.Contains(c.PupilId) && c.InvalidatedAt == null).ToListAsync(ct))
            .ToLookup(c => c.PupilId);
        return [.. list.Select(p =>
        {
            var wanted = policy == IssuancePolicy.OnApplication ? ApplicationKind.Application : ApplicationKind.Objection;
            var application = applications[p.Id].Where(a => a.Kind == wanted && a.State != ApplicationState.Withdrawn)
                .MaxBy(a => a.SubmittedAt);
            var due = policy == IssuancePolicy.OnApplication
                ? application?.State == ApplicationState.Approved
                : application?.State != ApplicationState.Approved;
            var latest = photos[p.Id].Where(f => f.State != PhotoState.Superseded).MaxBy(f => f.UploadedAt);
            var card = cards[p.Id].MaxBy(c => c.IssueDate);
            return (p.ClassId, new PupilReadiness(p.Id, p.FamilyName, p.GivenNames, due, application?.State, latest?.State,
                photos[p.Id].Any(f => f.State == PhotoState.Accepted), card?.StatusOn(today), card?.ValidUntil));
        })];
    }
}

public sealed record ClassReadinessView(SchoolClass Class, IssuancePolicy Policy, IReadOnlyList<PupilReadiness> Pupils, ClassReadinessReport? LatestReport)
{
    public bool ReportedReady => LatestReport is { ClosedAt: null };
}

public sealed record ReadyClass(Guid ClassId, string ClassName, int ReadyPupils, string ReportedBy, DateTime ReportedAt);

public sealed record ClassProgress(Guid ClassId, string ClassName, int Pupils, int Due, int PhotosPending, int PhotosAccepted, int PhotosRejected, int Ready, bool ReportedReady);
