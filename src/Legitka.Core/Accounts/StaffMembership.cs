namespace Legitka.Accounts;

/// <summary>What a staff account may do in one school. Guardians have no membership: they reach pupils by e-mail link.</summary>
public sealed class StaffMembership
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public Guid SchoolId { get; init; }
    public StaffRole Role { get; init; }
}

public enum StaffRole
{
    /// <summary>Sekretarz szkoły or starszy specjalista: the whole school, imports, codes.</summary>
    Secretary,
    /// <summary>Dyrektor: the whole school, approvals and revocations.</summary>
    Director,
    /// <summary>Nauczyciel: their own class only (the class names them as homeroom teacher).</summary>
    Teacher,
    /// <summary>Runs the deployment for many schools (a district or the country).</summary>
    Operator,
}
