namespace Legitka.Registry;

/// <summary>A school: the unit every other record belongs to.</summary>
public sealed class School
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>Number in the national register of schools (RSPO): how schools are named across systems.</summary>
    public required string Rspo { get; set; }
    public required string Address { get; set; }
    public DateTime CreatedAt { get; init; }
}
