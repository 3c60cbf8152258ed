namespace Legitka.Registry;

/// <summary>A class (oddział) such as "1A", with its homeroom teacher.</summary>
public sealed class SchoolClass
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SchoolId { get; init; }
    public required string Name { get; set; }
    public Guid? HomeroomTeacherId { get; set; }
}
