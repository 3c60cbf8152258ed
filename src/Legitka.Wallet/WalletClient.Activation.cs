using System.Net.Http.Headers;
using System.Text.Json;
using Legitka.Wallet.Keys;
using Legitka.Wallet.Protocol;

namespace Legitka.Wallet;

public sealed partial class WalletClient
{
    /// <summary>The state of one activation: what was learnt so far, the access token, DPoP key and nonces.</summary>
    private sealed class Activation : IDisposable
    {
        private readonly WalletClient _client;
        private readonly DeviceKey _deviceKey;
        private readonly long _started;
        private long _mark;
        private TimeSpan _offer, _metadata, _token, _nonce, _credential, _verification, _notification;

        private DeviceKey? _dpopKey;
        private string? _authorizationServerNonce;
        private string? _resourceServerNonce;
        private string? _accessToken;
        private string? _credentialIdentifier;
        private bool _dpopBound;

        public Activation(WalletClient client, DeviceKey deviceKey)
        {
            _client = client;
            _deviceKey = deviceKey;
            _started = _mark = client._time.GetTimestamp();
        }

        private HttpClient Http => _client._http;

        private WalletClientOptions Options => _client._options;

        private TimeProvider Time => _client._time;

        public async Task<ActivationResult> RunAsync(string offerLink, string? txCode, Func<ReceivedCredential, CancellationToken, ValueTask>? store, CancellationToken ct)
        {
            // 1. The offer, by value or by reference.
            var (offer, offerFailure) = await _client.ResolveOfferAsync(offerLink, ct).ConfigureAwait(false);
            _offer = Lap();
            if (offer is null)
            {
                return offerFailure!;
            }

            if (!UrlPolicy.TryIdentifier(offer.CredentialIssuer, out var issuerUri, out var reason))
            {
                return new ActivationFailure(ActivationStep.Offer, ActivationErrors.InsecureUrl, "credential_issuer: " + reason);
            }

            // 2. The Transaction Code, checked against the offer's description before it can cost an attempt.
            string? normalizedCode = null;
            if (offer.TxCode is { } requirement)
            {
                normalizedCode = txCode is null ? string.Empty : TransactionCode.Normalize(txCode, requirement.InputMode);
                if (TransactionCode.Check(normalizedCode, requirement) is string problem)
                {
                    return new ActivationFailure(ActivationStep.TransactionCode, ActivationErrors.InvalidTxCode,
                        problem + (requirement.Description is null ? "." : $". The issuer says: {requirement.Description}"));
                }
            }

            // 3. Metadata: the Credential Issuer's, then its Authorization Server's.
            var issuerMetadataUrl = WellKnown.For(issuerUri, WellKnown.CredentialIssuer);
            var (issuerDocument, issuerFailure) = await _client.GetJsonAsync(issuerMetadataUrl, ActivationStep.IssuerMetadata, ct).ConfigureAwait(false);
            if (issuerDocument is null)
            {
                return issuerFailure!;
            }

            IssuerMetadata? metadata;
            using (issuerDocument)
            {
                metadata = IssuerMetadata.TryParse(issuerDocument.RootElement, offer, Options.ExpectedVct, out var error, out reason);
                if (metadata is null)
                {
                    return new ActivationFailure(ActivationStep.IssuerMetadata, error, reason);
                }
            }

            string authorizationServer = offer.CredentialIssuer;
            if (metadata.AuthorizationServers is { } servers)
            {
                if (offer.AuthorizationServer is not null && !servers.Contains(offer.AuthorizationServer))
                {
                    return new ActivationFailure(ActivationStep.AuthorizationServerMetadata, ActivationErrors.InvalidOffer,
                        $"The offer names the authorization server '{offer.AuthorizationServer}', which the issuer metadata does not list.");
                }

                authorizationServer = offer.AuthorizationServer ?? servers[0];
            }

            if (!UrlPolicy.TryIdentifier(authorizationServer, out var authorizationServerUri, out reason))
            {
                return new ActivationFailure(ActivationStep.AuthorizationServerMetadata, ActivationErrors.InsecureUrl, "authorization server: " + reason);
            }

            var asMetadataUrl = WellKnown.For(authorizationServerUri, WellKnown.AuthorizationServer);
            var (asDocument, asFailure) = await _client.GetJsonAsync(asMetadataUrl, ActivationStep.AuthorizationServerMetadata, ct).ConfigureAwait(false);
            if (asDocument is null)
            {
                return asFailure!;
            }

            AuthorizationServerMetadata? asMetadata;
            using (asDocument)
            {
                asMetadata = AuthorizationServerMetadata.TryParse(asDocument.RootElement, authorizationServer, out var error, out reason);
                if (asMetadata is null)
                {
                    return new ActivationFailure(ActivationStep.AuthorizationServerMetadata, error, reason);
                }
            }

            _metadata = Lap();
            if (Options.UseDpop && asMetadata.SupportsDpopEs256)
            {
                _dpopKey = DeviceKey.Generate();
            }

            // 4. Token.
            var tokenFailure = await RequestTokenAsync(asMetadata.TokenEndpoint, offer.PreAuthorizedCode, normalizedCode, metadata.ConfigurationId, ct).ConfigureAwait(false);
            _token = Lap();
            if (tokenFailure is not null)
            {
                return tokenFailure;
            }

            // 5. Nonce and Credential; a refused nonce is renewed once.
            string? credential = null, notificationId = null;
            for (int attempt = 0; attempt < 2; attempt++)
            {
                string? nonce = null;
                if (metadata.NonceEndpoint is not null)
                {
                    var (value, nonceFailure) = await RequestNonceAsync(metadata.NonceEndpoint, ct).ConfigureAwait(false);
                    _nonce += Lap();
                    if (nonceFailure is not null)
                    {
                        return nonceFailure;
                    }

                    nonce = value;
                }

                var (reply, credentialFailure) = await RequestCredentialAsync(metadata, nonce, ct).ConfigureAwait(false);
                _credential += Lap();
                if (credentialFailure is not null)
                {
                    if (attempt == 0 && credentialFailure.Error == "invalid_nonce" && metadata.NonceEndpoint is not null)
                    {
                        continue;
                    }

                    return credentialFailure;
                }

                (credential, notificationId) = reply;
                break;
            }

            // 6. Verify; a credential the wallet will not keep is reported to the issuer as credential_failure.
            var (received, verifyFailure) = await _client.VerifyReceivedAsync(credential!, offer.CredentialIssuer, metadata.ConfigurationId, Options.ExpectedVct ?? metadata.Vct, _deviceKey, ct).ConfigureAwait(false);
            _verification = Lap();
            if (received is null)
            {
                var outcome = await NotifyAsync(metadata.NotificationEndpoint, notificationId, "credential_failure", verifyFailure!.Error + ": " + verifyFailure.Description, ct).ConfigureAwait(false);
                _notification = Lap();
                return verifyFailure with { Notification = outcome };
            }

            // 7. Store, then tell the issuer.
            if (store is not null)
            {
                try
                {
                    await store(received, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    var outcome = await NotifyAsync(metadata.NotificationEndpoint, notificationId, "credential_failure", "Could not store the credential.", ct).ConfigureAwait(false);
                    _notification = Lap();
                    return new ActivationFailure(ActivationStep.Storage, "storage_failed", e.Message, Notification: outcome);
                }
            }

            var accepted = await NotifyAsync(metadata.NotificationEndpoint, notificationId, "credential_accepted", null, ct).ConfigureAwait(false);
            _notification = Lap();
            return new ActivationSuccess(received, notificationId, accepted);
        }

        public ActivationTimings Timings() =>
            new(_offer, _metadata, _token, _nonce, _credential, _verification, _notification, Time.GetElapsedTime(_started));

        public void Dispose() => _dpopKey?.Dispose();

        private TimeSpan Lap()
        {
            long now = Time.GetTimestamp();
            var elapsed = Time.GetElapsedTime(_mark, now);
            _mark = now;
            return elapsed;
        }

        private async Task<ActivationFailure?> RequestTokenAsync(Uri endpoint, string preAuthorizedCode, string? txCode, string configurationId, CancellationToken ct)
        {
            var form = new List<KeyValuePair<string, string>>(3)
            {
                new("grant_type", CredentialOffer.PreAuthorizedGrantType),
                new("pre-authorized_code", preAuthorizedCode),
            };
            if (txCode is not null)
            {
                form.Add(new("tx_code", txCode));
            }

            HttpReply reply = null!;
            for (int attempt = 0; attempt < 2; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Accept.Add(WalletRequests.Json);
                if (_dpopKey is not null)
                {
                    request.Headers.Add("DPoP", ProofJwt.CreateDpopProof(_dpopKey, "POST", endpoint, Time.GetUtcNow(), null, _authorizationServerNonce));
                }

                reply = await HttpReply.SendAsync(Http, request, Options.MaxResponseBytes, ct).ConfigureAwait(false);
                _authorizationServerNonce = reply.DpopNonce ?? _authorizationServerNonce;
                // RFC 9449 §8: the AS asks for a server nonce with use_dpop_nonce and a DPoP-Nonce header; retry once.
                if (!(attempt == 0 && _dpopKey is not null && !reply.IsSuccess && reply.DpopNonce is not null && reply.OAuthError() == "use_dpop_nonce"))
                {
                    break;
                }
            }

            if (!reply.IsSuccess)
            {
                return reply.ToFailure(ActivationStep.Token, endpoint);
            }

            using var document = reply.ParseObject();
            if (document is null
                || !document.RootElement.TryGetProperty("access_token"u8, out var token) || token.ValueKind != JsonValueKind.String || token.GetString()!.Length == 0
                || !document.RootElement.TryGetProperty("token_type"u8, out var type) || type.ValueKind != JsonValueKind.String)
            {
                return new ActivationFailure(ActivationStep.Token, ActivationErrors.InvalidResponse, "The token response lacks access_token or token_type.", reply.Status);
            }

            string tokenType = type.GetString()!;
            if (string.Equals(tokenType, "DPoP", StringComparison.OrdinalIgnoreCase))
            {
                if (_dpopKey is null)
                {
                    return new ActivationFailure(ActivationStep.Token, ActivationErrors.InvalidResponse, "The server issued a DPoP-bound token although no DPoP proof was sent.", reply.Status);
                }

                _dpopBound = true;
            }
            else if (!string.Equals(tokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return new ActivationFailure(ActivationStep.Token, ActivationErrors.Unsupported, $"The token type '{tokenType}' is not supported (Bearer or DPoP).", reply.Status);
            }

            _accessToken = token.GetString();
            _credentialIdentifier = ReadCredentialIdentifier(document.RootElement, configurationId);
            return null;
        }

        /// <summary>§6.2: when the token response names Credential Datasets for the configuration, the request must use one of them.</summary>
        private static string? ReadCredentialIdentifier(JsonElement tokenResponse, string configurationId)
        {
            if (!tokenResponse.TryGetProperty("authorization_details"u8, out var details) || details.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind == JsonValueKind.Object
                    && detail.TryGetProperty("type"u8, out var type) && type.ValueEquals("openid_credential"u8)
                    && detail.TryGetProperty("credential_configuration_id"u8, out var id) && id.ValueEquals(configurationId)
                    && detail.TryGetProperty("credential_identifiers"u8, out var identifiers) && identifiers.ValueKind == JsonValueKind.Array
                    && identifiers.GetArrayLength() > 0 && identifiers[0].ValueKind == JsonValueKind.String)
                {
                    return identifiers[0].GetString();
                }
            }

            return null;
        }

        private async Task<(string? Nonce, ActivationFailure? Failure)> RequestNonceAsync(Uri endpoint, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
            request.Headers.Accept.Add(WalletRequests.Json);
            var reply = await HttpReply.SendAsync(Http, request, Options.MaxResponseBytes, ct).ConfigureAwait(false);
            _resourceServerNonce = reply.DpopNonce ?? _resourceServerNonce;
            if (!reply.IsSuccess)
            {
                return (null, reply.ToFailure(ActivationStep.Nonce, endpoint));
            }

            using var document = reply.ParseObject();
            if (document is null || !document.RootElement.TryGetProperty("c_nonce"u8, out var nonce) || nonce.ValueKind != JsonValueKind.String)
            {
                return (null, new ActivationFailure(ActivationStep.Nonce, ActivationErrors.InvalidResponse, "The nonce response has no c_nonce.", reply.Status));
            }

            return (nonce.GetString(), null);
        }

        private async Task<((string Credential, string? NotificationId) Reply, ActivationFailure? Failure)> RequestCredentialAsync(IssuerMetadata metadata, string? nonce, CancellationToken ct)
        {
            string proof = ProofJwt.CreateKeyProof(_deviceKey, metadata.CredentialIssuer, nonce, Time.GetUtcNow());
            var body = WriteJson((Identifier: _credentialIdentifier, metadata.ConfigurationId, Proof: proof), static (writer, state) =>
            {
                writer.WriteStartObject();
                if (state.Identifier is not null)
                {
                    writer.WriteString("credential_identifier"u8, state.Identifier);
                }
                else
                {
                    writer.WriteString("credential_configuration_id"u8, state.ConfigurationId);
                }

                writer.WriteStartObject("proofs"u8);
                writer.WriteStartArray("jwt"u8);
                writer.WriteStringValue(state.Proof);
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            });

            var reply = await SendProtectedAsync(metadata.CredentialEndpoint, body, ct).ConfigureAwait(false);
            if (reply.Status == 202 && reply.NetworkError is null)
            {
                return (default, new ActivationFailure(ActivationStep.Credential, ActivationErrors.Deferred, "The issuer deferred the issuance (HTTP 202); this wallet does not support deferred issuance.", 202));
            }

            if (!reply.IsSuccess)
            {
                return (default, reply.ToFailure(ActivationStep.Credential, metadata.CredentialEndpoint));
            }

            using var document = reply.ParseObject();
            if (document is null || !document.RootElement.TryGetProperty("credentials"u8, out var credentials) || credentials.ValueKind != JsonValueKind.Array
                || credentials.GetArrayLength() != 1 || credentials[0].ValueKind != JsonValueKind.Object
                || !credentials[0].TryGetProperty("credential"u8, out var credential) || credential.ValueKind != JsonValueKind.String)
            {
                return (default, new ActivationFailure(ActivationStep.Credential, ActivationErrors.InvalidResponse,
                    "The credential response must carry credentials: [{\"credential\": \"<SD-JWT VC>\"}] with exactly one entry for the one proof sent.", reply.Status));
            }

            string? notificationId = document.RootElement.TryGetProperty("notification_id"u8, out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            return ((credential.GetString()!, notificationId), null);
        }

        private async Task<NotificationOutcome> NotifyAsync(Uri? endpoint, string? notificationId, string eventName, string? description, CancellationToken ct)
        {
            if (endpoint is null || notificationId is null || _accessToken is null)
            {
                return NotificationOutcome.NotSupported;
            }

            var body = WriteJson((notificationId, eventName, description), static (writer, state) =>
            {
                writer.WriteStartObject();
                writer.WriteString("notification_id"u8, state.notificationId);
                writer.WriteString("event"u8, state.eventName);
                if (state.description is not null)
                {
                    writer.WriteString("event_description"u8, AsciiDescription(state.description));
                }

                writer.WriteEndObject();
            });

            var reply = await SendProtectedAsync(endpoint, body, ct).ConfigureAwait(false);
            if (reply.IsSuccess)
            {
                return NotificationOutcome.Sent;
            }

            var failure = reply.ToFailure(ActivationStep.Credential, endpoint);
            return new NotificationOutcome(NotificationState.Failed, failure.Error, failure.Description);
        }

        /// <summary>A JSON POST with the access token (Bearer, or DPoP with a proof carrying <c>ath</c>); retried once when the server asks for a DPoP nonce.</summary>
        private async Task<HttpReply> SendProtectedAsync(Uri endpoint, byte[] body, CancellationToken ct)
        {
            HttpReply reply = null!;
            for (int attempt = 0; attempt < 2; attempt++)
            {
                using var request = WalletRequests.PostJson(endpoint, body);
                if (_dpopBound)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", _accessToken);
                    request.Headers.Add("DPoP", ProofJwt.CreateDpopProof(_dpopKey!, "POST", endpoint, Time.GetUtcNow(), _accessToken, _resourceServerNonce));
                }
                else
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
                }

                reply = await HttpReply.SendAsync(Http, request, Options.MaxResponseBytes, ct).ConfigureAwait(false);
                _resourceServerNonce = reply.DpopNonce ?? _resourceServerNonce;
                if (!(attempt == 0 && _dpopBound && !reply.IsSuccess && reply.DpopNonce is not null && reply.OAuthError() == "use_dpop_nonce"))
                {
                    break;
                }
            }

            return reply;
        }
    }
}
