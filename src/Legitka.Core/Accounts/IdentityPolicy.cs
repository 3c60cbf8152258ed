using Microsoft.AspNetCore.Identity;

namespace Legitka.Accounts;

/// <summary>One account policy for the portal and the admin verbs that create accounts.</summary>
public static class IdentityPolicy
{
    public static void Apply(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
    }
}
