using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Legitka.Notifications;

/// <summary>
/// The SMTP relay the outbox sends through. Without <see cref="Host"/> e-mail is disabled and messages wait in the
/// outbox; with it, the rest must make sense before the server starts.
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender, e.g. <c>Legitka &lt;noreply@szkola.example&gt;</c>.</summary>
    public string? From { get; set; }

    public SmtpTls UseTls { get; set; } = SmtpTls.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    [MemberNotNullWhen(true, nameof(Host))]
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From, out var from) || string.IsNullOrEmpty(from.Address))
        {
            yield return new ValidationResult("Smtp:From must be an e-mail address when Smtp:Host is set.", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:User and Smtp:Password go together.", [nameof(User), nameof(Password)]);
        }
    }
}

/// <summary>How the SMTP connection is secured; configured as <c>none</c>, <c>starttls</c> or <c>ssl</c>.</summary>
public enum SmtpTls
{
    None,
    StartTls,
    Ssl,
}
