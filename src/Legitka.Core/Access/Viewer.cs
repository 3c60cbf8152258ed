using Legitka.Accounts;
using Legitka.Audit;

namespace Legitka.Access;

/// <summary>
/// The signed-in person and what they are to each school. Every query for a school's data starts from a
/// viewer (see <see cref="VisibleData"/>), so ownership is checked where the data is loaded, not only at login.
/// </summary>
public sealed record Viewer(Guid UserId, string Name, string? ConfirmedEmail, IReadOnlyList<StaffMembership> Memberships)
{
    public Actor Actor => new(UserId, Name);

    public bool Has(Guid schoolId, params StaffRole[] roles) =>
        Memberships.Any(m => m.SchoolId == schoolId && roles.Contains(m.Role));

    public List<Guid> SchoolsWith(params StaffRole[] roles) =>
        [.. Memberships.Where(m => roles.Contains(m.Role)).Select(m => m.SchoolId).Distinct()];

    /// <summary>Secretaries, directors and operators see the whole school.</summary>
    public static readonly StaffRole[] WholeSchool = [StaffRole.Secretary, StaffRole.Director, StaffRole.Operator];

    /// <summary>Who may load the e-diary's pupil list into the registry.</summary>
    public static readonly StaffRole[] Importers = [StaffRole.Secretary, StaffRole.Operator];

    public bool IsStaff => Memberships.Count > 0;
}
