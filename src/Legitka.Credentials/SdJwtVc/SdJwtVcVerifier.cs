using System.Text.Json;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.StatusList;
using Legitka.Credentials.Verification;

namespace Legitka.Credentials.SdJwtVc;

/// <summary>
/// Verifies an SD-JWT VC presentation (SD-JWT VC §3.4): the SD-JWT rules, a string <c>vct</c> (and the
/// expected one, if given), then the status: a credential that names a status list is VALID only when
/// checked against a verified Status List Token. Unless the caller explicitly allows an unchecked status,
/// a missing token is a refusal — an inspector must not see green for a card that may be revoked.
/// </summary>
public sealed class SdJwtVcVerifier
{
    private readonly SdJwtVerifier _verifier;
    private readonly StatusListTokenVerifier _statusLists;
    private readonly string? _expectedVct;

    public SdJwtVcVerifier(SdJwtVerifierOptions options, string? expectedVct)
    {
        _verifier = new SdJwtVerifier(options with { ExpectedType = SdJwtVcTypes.CredentialType });
        _statusLists = new StatusListTokenVerifier(options.IssuerKeys, options.TimeProvider, options.ClockSkew);
        _expectedVct = expectedVct;
    }

    /// <param name="statusListToken">The Status List Token named by the credential, fetched by the caller (or null).</param>
    /// <param name="allowUncheckedStatus">Accept a credential whose status could not be checked, reporting <see cref="CredentialStatus.Unchecked"/>.</param>
    public VerificationResult<VerifiedCredential> Verify(string presentation, string? statusListToken, bool allowUncheckedStatus = false)
    {
        var result = _verifier.Verify(presentation);
        if (!result.IsValid)
        {
            return VerificationResult.Failure<VerifiedCredential>(result.Error);
        }

        // vct and status are never disclosable (enforced by the SD-JWT verifier), so the signed payload has them.
        var claims = result.Value.SignedClaims;
        if (!claims.TryGetProperty("vct"u8, out var vct) || vct.ValueKind != JsonValueKind.String)
        {
            return Fail(ErrorCodes.MissingClaim, "An SD-JWT VC needs a string vct claim.");
        }

        if (_expectedVct is not null && !vct.ValueEquals(_expectedVct))
        {
            return Fail(ErrorCodes.VctMismatch, $"The credential type '{vct.GetString()}' is not the expected '{_expectedVct}'.");
        }

        if (!StatusReference.TryRead(claims, out var reference, out bool hasStatus))
        {
            return Fail(ErrorCodes.Malformed, "status.status_list needs a non-negative integer idx and a string uri.");
        }

        if (!hasStatus)
        {
            return VerificationResult.Success(new VerifiedCredential(result.Value, CredentialStatus.NotApplicable));
        }

        if (statusListToken is null)
        {
            return allowUncheckedStatus
                ? VerificationResult.Success(new VerifiedCredential(result.Value, CredentialStatus.Unchecked))
                : Fail(ErrorCodes.StatusUnchecked, $"The credential's status is kept at {reference!.Uri}; without that Status List Token it cannot be shown valid.");
        }

        var token = _statusLists.Verify(statusListToken);
        if (!token.IsValid)
        {
            return Fail(ErrorCodes.StatusListPrefix + token.Error.Code, "Status List Token: " + token.Error.Message);
        }

        var statusError = StatusCheck.Evaluate(reference!, token.Value);
        return statusError is null
            ? VerificationResult.Success(new VerifiedCredential(result.Value, CredentialStatus.Valid))
            : VerificationResult.Failure<VerifiedCredential>(statusError);
    }

    private static VerificationResult<VerifiedCredential> Fail(string code, string message) => VerificationResult.Failure<VerifiedCredential>(code, message);
}
