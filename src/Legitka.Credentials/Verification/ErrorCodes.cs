namespace Legitka.Credentials.Verification;

/// <summary>
/// The stable error codes of the credential engine. Callers (the CLI, the verifier page, the REST API)
/// map them to output; the strings never change meaning once released.
/// </summary>
public static class ErrorCodes
{
    public const string Malformed = "malformed";
    public const string TooLarge = "too_large";
    public const string DisallowedAlgorithm = "disallowed_alg";
    public const string InvalidType = "invalid_typ";
    public const string UnknownKeyId = "unknown_kid";
    public const string InvalidSignature = "invalid_signature";
    public const string InvalidIssuer = "invalid_issuer";
    public const string MissingClaim = "missing_claim";
    public const string Expired = "expired";
    public const string NotYetValid = "not_yet_valid";
    public const string UnsupportedHashAlgorithm = "unsupported_sd_alg";
    public const string MalformedDisclosure = "malformed_disclosure";
    public const string InvalidDisclosure = "invalid_disclosure";
    public const string DisclosureDigestMismatch = "disclosure_digest_mismatch";
    public const string UnreferencedDisclosure = "unreferenced_disclosure";
    public const string DuplicateDisclosure = "duplicate_disclosure";
    public const string DuplicateDigest = "duplicate_digest";
    public const string SdCollision = "sd_collision";
    public const string ForbiddenDisclosure = "forbidden_disclosure";
    public const string KeyBindingMissing = "kb_missing";
    public const string KeyBindingUnexpected = "kb_unexpected";
    public const string HolderKeyMissing = "cnf_missing";
    public const string KeyBindingInvalidType = "kb_invalid_typ";
    public const string KeyBindingInvalidSignature = "kb_invalid_signature";
    public const string KeyBindingNonceMismatch = "kb_nonce_mismatch";
    public const string KeyBindingAudienceMismatch = "kb_audience_mismatch";
    public const string KeyBindingStale = "kb_stale";
    public const string KeyBindingSdHashMismatch = "kb_sd_hash_mismatch";
    public const string VctMismatch = "vct_mismatch";
    public const string StatusUnchecked = "status_unchecked";
    public const string StatusListMismatch = "status_list_mismatch";
    public const string StatusIndexOutOfRange = "status_index_out_of_range";
    public const string StatusInvalid = "status_invalid";
    public const string StatusSuspended = "status_suspended";
    public const string StatusOther = "status_other";

    /// <summary>Errors found while checking a Status List Token are reported with this prefix, e.g. <c>status_list_expired</c>.</summary>
    public const string StatusListPrefix = "status_list_";
}
