using Legitka.Access;
using Legitka.Audit;
using Legitka.Data;
using Legitka.Import;
using Legitka.Register;
using Legitka.Registry;
using Legitka.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Endpoints;

/// <summary>
/// The registry's REST API for e-diary integrations. Every handler loads through <see cref="VisibleData"/>;
/// a record the caller may not see answers 404 exactly as one that does not exist.
/// </summary>
public static class RegistryApi
{
    public static void MapRegistryApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Registry").AddEndpointFilter(RequireApiContentType);
        api.MapGet("/schools", ListSchools);
        api.MapGet("/schools/{id:guid}/classes", ListClasses);
        api.MapGet("/classes/{id:guid}/pupils", ListPupils);
        api.MapGet("/pupils/{id:guid}", GetPupil);
        api.MapPost("/pupils/{id:guid}/reveal", RevealPupil);
        api.MapPost("/schools/{id:guid}/students/import", ImportStudents).Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(ImportLimits.MaxCsvBytes));
        api.MapGet("/schools/{id:guid}/register", ExportRegister);
        api.MapGet("/schools/{id:guid}/audit", ListAudit);
    }

    /// <summary>
    /// The API uses the portal's cookie, so a cross-site form could otherwise post to it. Form content types are the
    /// only ones a browser sends across sites without asking first (CORS preflight, which we never grant), so writes
    /// must say text/csv or application/json.
    /// </summary>
    private static ValueTask<object?> RequireApiContentType(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return next(context);
        }

        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        return mediaType is "text/csv" or "application/json"
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                "Write requests to the API must send Content-Type text/csv (imports) or application/json (everything else).",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
    }

    public sealed record SchoolDto(Guid Id, string Name, string Rspo, string Address);
    public sealed record ClassDto(Guid Id, string Name, Guid? HomeroomTeacherId, int Pupils);
    public sealed record PupilSummaryDto(Guid Id, string GivenNames, string FamilyName, Guid ClassId);
    public sealed record CardDto(string Number, DateOnly IssueDate, DateOnly ValidUntil, string Status, string? InvalidationReason);
    /// <summary>PESEL and address are left out on purpose: reading them is a separate, audited call.</summary>
    public sealed record PupilDto(Guid Id, Guid SchoolId, Guid ClassId, string GivenNames, string FamilyName, DateOnly BirthDate,
        bool HasPesel, IReadOnlyList<CardDto> Cards);
    public sealed record RevealedDto(string? Pesel, string? IdDocument, string Address);
    public sealed record ImportResultDto(bool DryRun, int Added, int Updated, int Unchanged, int ClassesCreated);
    public sealed record AuditEntryDto(long Sequence, DateTime At, string Actor, string Action, string EntityType, string? EntityId, string? Details);

    private static async Task<Ok<List<SchoolDto>>> ListSchools(ViewerAccessor viewers, LegitkaDbContext db, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        return TypedResults.Ok(await db.VisibleSchools(viewer).OrderBy(s => s.Name)
            .Select(s => new SchoolDto(s.Id, s.Name, s.Rspo, s.Address)).ToListAsync(ct));
    }

    private static async Task<Results<Ok<List<ClassDto>>, NotFound>> ListClasses(Guid id, ViewerAccessor viewers, LegitkaDbContext db, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!await db.VisibleSchools(viewer).AnyAsync(s => s.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.Classes.Where(c => c.SchoolId == id).OrderBy(c => c.Name)
            .Select(c => new ClassDto(c.Id, c.Name, c.HomeroomTeacherId, db.Pupils.Count(p => p.ClassId == c.Id))).ToListAsync(ct));
    }

    private static async Task<Results<Ok<List<PupilSummaryDto>>, NotFound>> ListPupils(Guid id, ViewerAccessor viewers, LegitkaDbContext db, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!await db.VisibleClasses(viewer).AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await db.Pupils.Where(p => p.ClassId == id).OrderBy(p => p.FamilyName).ThenBy(p => p.GivenNames)
            .Select(p => new PupilSummaryDto(p.Id, p.GivenNames, p.FamilyName, p.ClassId)).ToListAsync(ct));
    }

    private static async Task<Results<Ok<PupilDto>, NotFound>> GetPupil(Guid id, ViewerAccessor viewers, LegitkaDbContext db, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        var pupil = await db.VisiblePupils(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pupil is null)
        {
            return TypedResults.NotFound();
        }

        var today = WarsawCalendar.Today(db.Clock);
        var cards = await db.Cards.AsNoTracking().Where(c => c.PupilId == id).OrderByDescending(c => c.IssueDate).ToListAsync(ct);
        return TypedResults.Ok(new PupilDto(pupil.Id, pupil.SchoolId, pupil.ClassId, pupil.GivenNames, pupil.FamilyName, pupil.BirthDate,
            pupil.Pesel is not null,
            [.. cards.Select(c => new CardDto(c.Number, c.IssueDate, c.ValidUntil, c.StatusOn(today).ToString().ToLowerInvariant(), c.InvalidationReason))]));
    }

    private static async Task<Results<Ok<RevealedDto>, NotFound>> RevealPupil(Guid id, ViewerAccessor viewers, LegitkaDbContext db, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        var pupil = await db.VisiblePupils(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pupil is null)
        {
            return TypedResults.NotFound();
        }

        db.Audit(viewer.Actor, "pupil.revealed", nameof(Pupil), id, pupil.SchoolId, new { fields = new[] { "pesel", "address" }, via = "api" });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RevealedDto(pupil.Pesel,
            pupil.IdDocumentNumber is null ? null : $"{pupil.IdDocumentKind}:{pupil.IdDocumentNumber}", pupil.Address));
    }

    private static async Task<Results<Ok<ImportResultDto>, ValidationProblem, NotFound>> ImportStudents(
        Guid id, bool? dryRun, HttpRequest request, ViewerAccessor viewers, StudentImporter importer, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!viewer.Has(id, Viewer.Importers))
        {
            return TypedResults.NotFound();
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var outcome = await importer.ImportAsync(id, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), dryRun ?? false, viewer.Actor, ct);
        if (outcome.Summary is not { } s)
        {
            var errors = outcome.Problems.GroupBy(p => $"line {p.Line}" + (p.Column is null ? "" : $", {p.Column}"))
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            return TypedResults.ValidationProblem(errors, "The file was refused and nothing was written. Fix every problem listed and send it again.");
        }

        return TypedResults.Ok(new ImportResultDto(outcome.DryRun, s.Added, s.Updated, s.Unchanged, s.ClassesCreated));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> ExportRegister(
        Guid id, ViewerAccessor viewers, LegitkaDbContext db, RegisterExport export, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        var school = await db.VisibleSchools(viewer).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (school is null)
        {
            return TypedResults.NotFound();
        }

        var buffer = new MemoryStream();
        await export.WriteCsvAsync(id, buffer, viewer.Actor, ct);
        buffer.Position = 0;
        return TypedResults.File(buffer, "text/csv; charset=utf-8", $"rejestr-{school.Rspo}-{WarsawCalendar.Today(db.Clock):yyyy-MM-dd}.csv");
    }

    private static async Task<Results<Ok<List<AuditEntryDto>>, NotFound>> ListAudit(
        Guid id, long? before, int? take, ViewerAccessor viewers, LegitkaDbContext db, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        if (!viewer.Has(id, Viewer.WholeSchool))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await AuditQueries.ForSchool(db, id, before, Math.Clamp(take ?? 100, 1, 1000))
            .Select(e => new AuditEntryDto(e.Sequence, e.At, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Details)).ToListAsync(ct));
    }
}
