using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Legitka.Wallet.Protocol;

/// <summary>One HTTP answer, read up to a size limit; or why there was none.</summary>
internal sealed class HttpReply
{
    private HttpReply(int status, byte[]? body, bool tooLarge, string? mediaType, string? dpopNonce, string? wwwAuthenticate, string? networkError)
    {
        Status = status;
        Body = body;
        TooLarge = tooLarge;
        MediaType = mediaType;
        DpopNonce = dpopNonce;
        WwwAuthenticate = wwwAuthenticate;
        NetworkError = networkError;
    }

    public int Status { get; }

    public byte[]? Body { get; }

    public bool TooLarge { get; }

    public string? MediaType { get; }

    /// <summary>The <c>DPoP-Nonce</c> header (RFC 9449 §8/§9), to use in the next proof to this server.</summary>
    public string? DpopNonce { get; }

    public string? WwwAuthenticate { get; }

    /// <summary>Set when no HTTP answer came (connection, DNS, TLS, timeout).</summary>
    public string? NetworkError { get; }

    public bool IsSuccess => NetworkError is null && !TooLarge && Status is >= 200 and < 300;

    public static HttpReply Network(string message) => new(0, null, false, null, null, null, message);

    public static async Task<HttpReply> SendAsync(HttpClient http, HttpRequestMessage request, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            string? nonce = response.Headers.TryGetValues("DPoP-Nonce", out var nonces) ? nonces.FirstOrDefault() : null;
            string? challenge = response.Headers.WwwAuthenticate.Count > 0 ? response.Headers.WwwAuthenticate.ToString() : null;
            var (body, tooLarge) = await ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
            return new HttpReply((int)response.StatusCode, body, tooLarge, response.Content.Headers.ContentType?.MediaType, nonce, challenge, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return Network($"{request.RequestUri}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Network($"{request.RequestUri}: no answer in time");
        }
    }

    /// <summary>Parses the body as a JSON object, or null.</summary>
    public JsonDocument? ParseObject()
    {
        if (Body is null || Body.Length == 0)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(Body, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The failure for a non-2xx (or unreadable) answer: the server's OAuth <c>error</c> if it sent one (body or WWW-Authenticate).</summary>
    public ActivationFailure ToFailure(ActivationStep step, Uri url)
    {
        if (NetworkError is not null)
        {
            return new ActivationFailure(step, ActivationErrors.NetworkError, NetworkError);
        }

        if (TooLarge)
        {
            return new ActivationFailure(step, ActivationErrors.InvalidResponse, $"The answer from {url} is larger than the wallet accepts.", Status);
        }

        using (var document = ParseObject())
        {
            if (document is not null && document.RootElement.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.String)
            {
                string? description = document.RootElement.TryGetProperty("error_description"u8, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
                return new ActivationFailure(step, error.GetString()!, description, Status);
            }
        }

        if (WwwAuthenticate is not null && ChallengeParameter(WwwAuthenticate, "error") is string challengeError)
        {
            return new ActivationFailure(step, challengeError, ChallengeParameter(WwwAuthenticate, "error_description"), Status);
        }

        return IsSuccess
            ? new ActivationFailure(step, ActivationErrors.InvalidResponse, $"The answer from {url} is not what the protocol prescribes.", Status)
            : new ActivationFailure(step, ActivationErrors.UnexpectedStatus, $"{url} answered HTTP {Status}.", Status);
    }

    /// <summary>The OAuth <c>error</c> of the answer (JSON body or WWW-Authenticate challenge), or null.</summary>
    public string? OAuthError()
    {
        using (var document = ParseObject())
        {
            if (document is not null && document.RootElement.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }
        }

        return WwwAuthenticate is null ? null : ChallengeParameter(WwwAuthenticate, "error");
    }

    /// <summary>Reads <c>name="value"</c> from a WWW-Authenticate challenge (RFC 6750 §3, RFC 9449 §7.1).</summary>
    internal static string? ChallengeParameter(string challenge, string name)
    {
        int at = 0;
        while ((at = challenge.IndexOf(name + "=", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            bool boundary = at == 0 || challenge[at - 1] is ' ' or ',';
            int start = at + name.Length + 1;
            at = start;
            if (!boundary)
            {
                continue;
            }

            if (start < challenge.Length && challenge[start] == '"')
            {
                var value = new StringBuilder();
                for (int i = start + 1; i < challenge.Length; i++)
                {
                    if (challenge[i] == '\\' && i + 1 < challenge.Length)
                    {
                        value.Append(challenge[++i]);
                    }
                    else if (challenge[i] == '"')
                    {
                        return value.ToString();
                    }
                    else
                    {
                        value.Append(challenge[i]);
                    }
                }

                return null;
            }

            int end = challenge.IndexOfAny([',', ' '], start);
            return challenge[start..(end < 0 ? challenge.Length : end)];
        }

        return null;
    }

    private static async Task<(byte[]? Body, bool TooLarge)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is long declared && declared > maxBytes)
        {
            return (null, true);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[(int)Math.Min(content.Headers.ContentLength ?? 4096, maxBytes) + 1];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    return (null, true);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1L));
            }

            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > maxBytes)
        {
            return (null, true);
        }

        return (length == buffer.Length ? buffer : buffer[..length], false);
    }
}

/// <summary>Builders for the requests the wallet sends.</summary>
internal static class WalletRequests
{
    public static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    public static HttpRequestMessage GetJson(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(Json);
        return request;
    }

    public static HttpRequestMessage PostJson(Uri url, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(Json);
        return request;
    }
}
