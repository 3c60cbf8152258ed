namespace Legitka.Notifications;

/// <summary>The subject and plain-text body of one e-mail, as the templates in <see cref="GuardianMessages"/> write them.</summary>
public sealed record MailText(string Subject, string Body);
