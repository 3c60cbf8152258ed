namespace Legitka.Registry;

/// <summary>A pupil as the e-diary knows them. Identified by PESEL, or by another identity document when there is none.</summary>
public sealed class Pupil
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public Guid ClassId { get; set; }
    public required string GivenNames { get; set; }
    public required string FamilyName { get; set; }
    public string? Pesel { get; set; }
    /// <summary>Kind of the other identity document (e.g. passport) for a pupil without a PESEL.</summary>
    public string? IdDocumentKind { get; set; }
    public string? IdDocumentNumber { get; set; }
    public DateOnly BirthDate { get; set; }
    public required string Address { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    public string FullName => $"{GivenNames} {FamilyName}";

    /// <summary>The key the e-diary import matches on: the PESEL, or the document kind and number.</summary>
    public string IdentityKey => Pesel ?? $"{IdDocumentKind}:{IdDocumentNumber}";
}
