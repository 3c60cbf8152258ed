namespace Legitka.Credentials.Verification;

/// <summary>
/// An expected reason to refuse a credential, a presentation or a status list: a stable machine code
/// (see <see cref="ErrorCodes"/>) and an English sentence a person can act on.
/// </summary>
public sealed record VerificationError(string Code, string Message);
