using Legitka.Data;

namespace Legitka.Endpoints;

public static class HealthEndpoint
{
    /// <summary>200 when the application runs and its database answers; 503 otherwise, for load balancers.</summary>
    public static void MapHealthEndpoint(this WebApplication app) =>
        app.MapGet("/health", async Task<IResult> (LegitkaDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct)
                ? TypedResults.Ok(new { status = "ok" })
                : TypedResults.Problem("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous()
            .ExcludeFromDescription();
}
