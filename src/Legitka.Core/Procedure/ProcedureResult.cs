namespace Legitka.Procedure;

/// <summary>
/// The outcome of a step of the procedure that a person can get wrong (not allowed, wrong state, missing reason):
/// a stable code for the API, an English message for logs and API clients, a Polish one for the portal.
/// A record the caller may not see is <see cref="NotFound"/>, never "forbidden", so ids cannot be probed.
/// </summary>
public sealed record ProcedureResult(string? Code, string? Message, string? MessagePl)
{
    public bool Succeeded => Code is null;

    public static readonly ProcedureResult Ok = new(null, null, null);

    public static readonly ProcedureResult NotFound = new("not_found", "No such record.", "Nie ma takiego rekordu.");

    public static ProcedureResult Refused(string code, string message, string messagePl) => new(code, message, messagePl);
}
