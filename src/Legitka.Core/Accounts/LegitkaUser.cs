using Microsoft.AspNetCore.Identity;

namespace Legitka.Accounts;

/// <summary>A portal account: school staff, an operator or a guardian.</summary>
public sealed class LegitkaUser : IdentityUser<Guid>
{
    public LegitkaUser() => Id = Guid.CreateVersion7();

    public required string DisplayName { get; set; }
}
