using Legitka.Codes;
using Legitka.Registry;
using Legitka.Web;

namespace Legitka.Endpoints;

/// <summary>A batch's progress for the portal's progress bar, and the slips PDF (live activation codes: never cached).</summary>
public static class CodeEndpoints
{
    public static void MapCodeEndpoints(this WebApplication app)
    {
        var codes = app.MapGroup("/codes").RequireAuthorization().ExcludeFromDescription();
        codes.MapGet("/{id:guid}/progress", async (Guid id, ViewerAccessor viewers, CodeDesk desk, CancellationToken ct) =>
            await desk.ProgressAsync(await viewers.GetAsync(ct), id, ct) is { } batch
                ? Results.Json(new { state = batch.State.ToString(), done = batch.Done, total = batch.Total })
                : Results.NotFound());
        codes.MapGet("/slips/{id:guid}/pdf", async (Guid id, ViewerAccessor viewers, CodeDesk desk, HttpContext http, CancellationToken ct) =>
        {
            if (await desk.OpenSlipsAsync(await viewers.GetAsync(ct), id, ct) is not { } slips)
            {
                return Results.NotFound();
            }

            if (slips.Codes.Count == 0)
            {
                // Every code was used, replaced or has expired (such sets are not offered for download). No body, so that a
                // browser opening the address gets the portal's own page saying so.
                return Results.StatusCode(StatusCodes.Status410Gone);
            }

            http.Response.Headers.CacheControl = "private, no-store";
            // Named by class and the time of the batch: a teacher's downloads folder keeps each set apart.
            var name = $"kody-mlegitymacji-{Safe(slips.ClassName)}-{WarsawCalendar.FileStamp(slips.CreatedAt)}.pdf";
            return Results.File(SlipDocument.Render(slips.School, slips.Codes), "application/pdf", name);
        });
    }

    private static string Safe(string name) => new([.. name.Where(char.IsAsciiLetterOrDigit)]);
}
