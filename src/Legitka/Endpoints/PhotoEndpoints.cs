using Legitka.Access;
using Legitka.Data;
using Legitka.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Endpoints;

/// <summary>Photo bytes, for whoever may see the pupil; never cached by shared caches.</summary>
public static class PhotoEndpoints
{
    public static void MapPhotoEndpoints(this WebApplication app)
    {
        var photos = app.MapGroup("/photos").RequireAuthorization().ExcludeFromDescription();
        photos.MapGet("/{id:guid}.jpg", (Guid id, ViewerAccessor viewers, LegitkaDbContext db, HttpContext http, CancellationToken ct) =>
            ServeAsync(id, portrait: false, viewers, db, http, ct));
        photos.MapGet("/{id:guid}/portrait.jpg", (Guid id, ViewerAccessor viewers, LegitkaDbContext db, HttpContext http, CancellationToken ct) =>
            ServeAsync(id, portrait: true, viewers, db, http, ct));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ServeAsync(
        Guid id, bool portrait, ViewerAccessor viewers, LegitkaDbContext db, HttpContext http, CancellationToken ct)
    {
        var viewer = await viewers.GetAsync(ct);
        var visible = db.VisiblePupils(viewer);
        var bytes = await (
            from photo in db.Photos
            where photo.Id == id && visible.Any(p => p.Id == photo.PupilId)
            join content in db.PhotoContents on photo.Id equals content.PhotoId
            select portrait ? content.PortraitJpeg : content.Jpeg).SingleOrDefaultAsync(ct);
        if (bytes is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(bytes, "image/jpeg");
    }
}
