using System.ComponentModel.DataAnnotations;

namespace Legitka.Notifications;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>How often the sender looks for due messages.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;
}
