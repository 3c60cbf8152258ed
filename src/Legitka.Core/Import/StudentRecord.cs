namespace Legitka.Import;

/// <summary>One valid row of the e-diary's pupil export.</summary>
public sealed record StudentRecord(
    int Line,
    string ClassName,
    string GivenNames,
    string FamilyName,
    string? Pesel,
    string? IdDocumentKind,
    string? IdDocumentNumber,
    DateOnly BirthDate,
    string Address,
    string CardNumber,
    DateOnly CardIssueDate,
    DateOnly CardValidUntil,
    IReadOnlyList<string> GuardianEmails)
{
    public string IdentityKey => Pesel ?? $"{IdDocumentKind}:{IdDocumentNumber}";
}
