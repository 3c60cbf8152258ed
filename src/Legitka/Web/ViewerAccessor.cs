using System.Security.Claims;
using Legitka.Access;
using Legitka.Data;
using Microsoft.EntityFrameworkCore;

namespace Legitka.Web;

/// <summary>Loads the signed-in user's memberships once per request, fresh from the database (a removed role stops at once).</summary>
public sealed class ViewerAccessor(IHttpContextAccessor http, LegitkaDbContext db)
{
    private Viewer? _viewer;

    public async Task<Viewer> GetAsync(CancellationToken ct = default)
    {
        if (_viewer is not null)
        {
            return _viewer;
        }

        var principal = http.HttpContext?.User;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(id, out var userId))
        {
            throw new InvalidOperationException("Viewer requested on an anonymous request; the endpoint must require authorization.");
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.Email, u.EmailConfirmed })
            .SingleAsync(ct);
        var memberships = await db.StaffMemberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync(ct);
        _viewer = new Viewer(userId, user.DisplayName, user.EmailConfirmed ? user.Email?.ToLowerInvariant() : null, memberships);
        return _viewer;
    }
}
