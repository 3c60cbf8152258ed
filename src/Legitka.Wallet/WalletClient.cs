using System.Buffers;
using System.Text.Json;
using Legitka.Wallet.Keys;
using Legitka.Wallet.Protocol;

namespace Legitka.Wallet;

/// <summary>
/// The wallet's side of OpenID4VCI 1.0, Pre-Authorized Code Flow: offer → issuer and authorization server metadata →
/// token (pre-authorized code + tx_code, optionally DPoP) → nonce → credential (one <c>jwt</c> key proof) → verify
/// (issuer signature against <c>/.well-known/jwt-vc-issuer</c>, type, <c>cnf.jwk</c> = device key) → caller's store →
/// notification. Holds no state between calls: one instance can run many activations at once.
/// Nothing is written to the console; every expected failure is an <see cref="ActivationFailure"/>.
/// </summary>
public sealed partial class WalletClient
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly WalletClientOptions _options;

    /// <param name="http">Used as given (the caller owns handler, timeouts and lifetime); should not follow redirects.</param>
    public WalletClient(HttpClient http, TimeProvider? time = null, WalletClientOptions? options = null)
    {
        _http = http;
        _time = time ?? TimeProvider.System;
        _options = options ?? new WalletClientOptions();
    }

    /// <summary>Runs the whole flow and sends <c>credential_accepted</c> once the credential is verified.</summary>
    /// <param name="offerLink"><c>openid-credential-offer://?credential_offer_uri=…</c> or <c>…?credential_offer=…</c>.</param>
    /// <param name="txCode">The code from the slip (spaces and dashes are dropped for numeric codes); ignored if the offer asks for none.</param>
    public Task<ActivationResult> ActivateAsync(string offerLink, string? txCode, DeviceKey deviceKey, CancellationToken cancellationToken = default) =>
        ActivateAsync(offerLink, txCode, deviceKey, store: null, cancellationToken);

    /// <summary>
    /// Runs the whole flow; <paramref name="store"/> is called with the verified credential before the issuer is told
    /// <c>credential_accepted</c>. If it throws an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>,
    /// the issuer is told <c>credential_failure</c> and the result is a <see cref="ActivationStep.Storage"/> failure.
    /// </summary>
    public async Task<ActivationResult> ActivateAsync(string offerLink, string? txCode, DeviceKey deviceKey,
        Func<ReceivedCredential, CancellationToken, ValueTask>? store, CancellationToken cancellationToken)
    {
        var activation = new Activation(this, deviceKey);
        try
        {
            var result = await activation.RunAsync(offerLink, txCode, store, cancellationToken).ConfigureAwait(false);
            return result with { Timings = activation.Timings() };
        }
        finally
        {
            activation.Dispose();
        }
    }

    /// <summary>Fetches and parses a Credential Offer without acting on it (e.g. to show the <c>tx_code</c> description first).</summary>
    public async Task<(CredentialOffer? Offer, ActivationFailure? Failure)> ResolveOfferAsync(string offerLink, CancellationToken cancellationToken = default)
    {
        var link = CredentialOfferLink.TryParse(offerLink, out var reason);
        if (link is null)
        {
            return (null, new ActivationFailure(ActivationStep.Offer, ActivationErrors.InvalidOffer, reason));
        }

        if (link.OfferJson is not null)
        {
            return ParseOffer(System.Text.Encoding.UTF8.GetBytes(link.OfferJson));
        }

        using var request = WalletRequests.GetJson(link.OfferUri!);
        var reply = await HttpReply.SendAsync(_http, request, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        return reply.IsSuccess ? ParseOffer(reply.Body!) : (null, reply.ToFailure(ActivationStep.Offer, link.OfferUri!));
    }

    private static (CredentialOffer?, ActivationFailure?) ParseOffer(byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return (null, new ActivationFailure(ActivationStep.Offer, ActivationErrors.InvalidOffer, "The credential offer is not JSON."));
        }

        using (document)
        {
            var offer = CredentialOffer.TryParse(document.RootElement, out var reason);
            return offer is null ? (null, new ActivationFailure(ActivationStep.Offer, ActivationErrors.InvalidOffer, reason)) : (offer, null);
        }
    }

    private async Task<(JsonDocument? Document, ActivationFailure? Failure)> GetJsonAsync(Uri url, ActivationStep step, CancellationToken cancellationToken)
    {
        using var request = WalletRequests.GetJson(url);
        var reply = await HttpReply.SendAsync(_http, request, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            return (null, reply.ToFailure(step, url));
        }

        var document = reply.ParseObject();
        return document is null
            ? (null, new ActivationFailure(step, ActivationErrors.InvalidResponse, $"{url} did not answer with a JSON object.", reply.Status))
            : (document, null);
    }

    private static byte[] WriteJson<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Notification texts must be printable ASCII without '"' and '\' (OpenID4VCI §11.1).</summary>
    internal static string AsciiDescription(string text)
    {
        var chars = text.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?').Take(300).ToArray();
        return new string(chars);
    }
}
