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

    public Applications.IssuancePolicy Policy { get; set; } = Applications.IssuancePolicy.OnApplication;

    /// <summary>Photo limits, per school: the seeds' 5 MB and 492×633 px; the 2025 central system uses 2.5 MB and 246×304.</summary>
    public int PhotoMaxBytes { get; set; } = 5 * 1024 * 1024;
    public int PhotoMinWidth { get; set; } = 492;
    public int PhotoMinHeight { get; set; } = 633;

    /// <summary>How long a pupil's first activation code lasts, and any later one (the seeds: 30 and 7 days).</summary>
    public int FirstCodeValidDays { get; set; } = 30;
    public int LaterCodeValidDays { get; set; } = 7;
    /// <summary>How many phones may hold a valid mLegitymacja at once; activating one more ends the oldest.</summary>
    public int DevicesPerPupil { get; set; } = 1;

    /// <summary>The wallet app the school tells pupils to install (printed on the slips); null: "the one the school names".</summary>
    public string? WalletApp { get; set; }

    public const int WalletAppMaxLength = 60;
}
