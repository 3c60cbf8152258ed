namespace Legitka.Wallet;

/// <summary>The outcome of <see cref="WalletClient.ActivateAsync(string, string?, Keys.DeviceKey, CancellationToken)"/>: success or the step that failed.</summary>
public abstract record ActivationResult
{
    private protected ActivationResult()
    {
    }

    /// <summary>How long each step took; for load tests.</summary>
    public ActivationTimings Timings { get; init; } = ActivationTimings.Empty;
}

/// <summary>The credential was received, verified, accepted by the caller's store (if any), and the issuer notified.</summary>
/// <param name="NotificationId">The issuer's <c>notification_id</c>, or null if it sent none.</param>
/// <param name="Notification">What became of the <c>credential_accepted</c> notification; a failed notification does not undo the activation.</param>
public sealed record ActivationSuccess(ReceivedCredential Credential, string? NotificationId, NotificationOutcome Notification) : ActivationResult;

/// <summary>
/// The activation stopped at <paramref name="Step"/>. <paramref name="Error"/> is the server's OAuth / OpenID4VCI
/// <c>error</c> code when it sent one (<c>invalid_grant</c>, <c>invalid_proof</c>…), the engine's verification code
/// (<c>invalid_signature</c>, <c>cnf_mismatch</c>…), or one of <see cref="ActivationErrors"/>.
/// </summary>
/// <param name="Description">The server's <c>error_description</c>, or an English sentence.</param>
/// <param name="HttpStatus">The HTTP status of the failing response, if there was one.</param>
/// <param name="Notification">For failures after the credential arrived: the <c>credential_failure</c> notification sent.</param>
public sealed record ActivationFailure(ActivationStep Step, string Error, string? Description, int? HttpStatus = null, NotificationOutcome? Notification = null) : ActivationResult
{
    public override string ToString() =>
        $"{Step}: {Error}{(Description is null ? string.Empty : " — " + Description)}{(HttpStatus is int status ? $" (HTTP {status})" : string.Empty)}";
}

/// <summary>The steps of the Pre-Authorized Code Flow, in order.</summary>
public enum ActivationStep
{
    /// <summary>Reading the offer link, fetching the offer by reference.</summary>
    Offer,

    /// <summary>Checking the Transaction Code against the offer's description before sending it.</summary>
    TransactionCode,

    /// <summary>Credential Issuer Metadata (<c>/.well-known/openid-credential-issuer</c>).</summary>
    IssuerMetadata,

    /// <summary>Authorization Server Metadata (<c>/.well-known/oauth-authorization-server</c>).</summary>
    AuthorizationServerMetadata,

    /// <summary>The Token Request (pre-authorized code + tx_code).</summary>
    Token,

    /// <summary>The Nonce Request.</summary>
    Nonce,

    /// <summary>The Credential Request.</summary>
    Credential,

    /// <summary>Fetching the issuer's keys (<c>/.well-known/jwt-vc-issuer</c>) to verify the credential.</summary>
    IssuerKeys,

    /// <summary>Verifying the received credential: signature, type, binding to the device key.</summary>
    Verification,

    /// <summary>The caller's store refused or failed to keep the credential.</summary>
    Storage,
}

/// <summary>The wallet's own error codes, for failures that carry no server <c>error</c>.</summary>
public static class ActivationErrors
{
    /// <summary>No answer: DNS, connection refused, TLS, timeout.</summary>
    public const string NetworkError = "network_error";

    /// <summary>An HTTP error status without an OAuth error body.</summary>
    public const string UnexpectedStatus = "unexpected_status";

    /// <summary>A 2xx answer the wallet cannot use (not JSON, members missing or of the wrong type, too large).</summary>
    public const string InvalidResponse = "invalid_response";

    /// <summary>A URL that is not https (or http to loopback), or an identifier with a query.</summary>
    public const string InsecureUrl = "insecure_url";

    /// <summary>The offer link or the offer object is not usable.</summary>
    public const string InvalidOffer = "invalid_offer";

    /// <summary>The offer requires a Transaction Code and none was given, or it does not fit the described format.</summary>
    public const string InvalidTxCode = "invalid_tx_code";

    /// <summary>The issuer offers nothing this wallet can hold (format, type, proof type or grant).</summary>
    public const string Unsupported = "unsupported";

    /// <summary>Metadata whose identifier differs from the one it was fetched for.</summary>
    public const string MetadataMismatch = "metadata_mismatch";

    /// <summary>The credential is not bound to the device key that made the proof.</summary>
    public const string BindingMismatch = "cnf_mismatch";

    /// <summary>The credential lacks a claim the card cannot be shown without.</summary>
    public const string MissingClaim = "missing_claim";

    /// <summary>The issuer answered 202: deferred issuance, which this wallet does not support.</summary>
    public const string Deferred = "deferred_not_supported";
}

/// <summary>What became of a notification to the issuer.</summary>
public sealed record NotificationOutcome(NotificationState State, string? Error = null, string? Description = null)
{
    public static NotificationOutcome Sent { get; } = new(NotificationState.Sent);

    public static NotificationOutcome NotSupported { get; } = new(NotificationState.NotSupported);
}

public enum NotificationState
{
    /// <summary>The issuer answered 2xx.</summary>
    Sent,

    /// <summary>The issuer has no notification endpoint or sent no <c>notification_id</c>.</summary>
    NotSupported,

    /// <summary>The request failed; <see cref="NotificationOutcome.Error"/> says how.</summary>
    Failed,
}

/// <summary>Time spent per step; zero for steps not reached.</summary>
public sealed record ActivationTimings(
    TimeSpan Offer,
    TimeSpan Metadata,
    TimeSpan Token,
    TimeSpan Nonce,
    TimeSpan Credential,
    TimeSpan Verification,
    TimeSpan Notification,
    TimeSpan Total)
{
    public static ActivationTimings Empty { get; } = new(default, default, default, default, default, default, default, default);
}
