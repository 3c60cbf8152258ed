using Legitka.Credentials.Verification;

namespace Legitka.Credentials.StatusList;

/// <summary>Evaluates a credential's status reference against a verified Status List Token (draft §8.3 steps 4–7).</summary>
public static class StatusCheck
{
    /// <returns>null if the status is VALID, otherwise why the credential must be refused.</returns>
    public static VerificationError? Evaluate(StatusReference reference, StatusListToken token)
    {
        if (!string.Equals(reference.Uri, token.Subject, StringComparison.Ordinal))
        {
            return new(ErrorCodes.StatusListMismatch, $"The status list token is for '{token.Subject}', but the credential refers to '{reference.Uri}'.");
        }

        if (reference.Index >= token.List.Count)
        {
            return new(ErrorCodes.StatusIndexOutOfRange, $"Index {reference.Index} is outside the status list ({token.List.Count} entries).");
        }

        return token.List[reference.Index] switch
        {
            (byte)StatusType.Valid => null,
            (byte)StatusType.Invalid => new(ErrorCodes.StatusInvalid, "The credential has been revoked (status INVALID)."),
            (byte)StatusType.Suspended => new(ErrorCodes.StatusSuspended, "The credential is suspended (status SUSPENDED)."),
            var other => new(ErrorCodes.StatusOther, $"The credential has status 0x{other:x2}, which is not VALID."),
        };
    }
}
