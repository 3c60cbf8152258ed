using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Legitka.Credentials.Keys;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.SdJwtVc;
using Legitka.Credentials.Verification;

namespace Legitka.Cli;

/// <summary>
/// <c>legitka verify</c>: offline check of an SD-JWT VC presentation for inspectors and integrators.
/// Nothing is fetched: the issuer keys (<c>--jwks</c>) and the Status List Token come from files.
/// Key binding is required, so <c>--nonce</c> and <c>--audience</c> are too: a presentation not bound to
/// this check could be a replay. A credential with a status reference is VALID only when checked
/// against <c>--status-list-token</c>; without it the answer is invalid (<c>status_unchecked</c>), unless
/// <c>--skip-status</c> asks for <c>"status": "UNCHECKED"</c>.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TimeProvider time)
    {
        var jwks = new Option<FileInfo?>("--jwks") { Description = "The issuer's JWK Set, or its /.well-known/jwt-vc-issuer document (then iss must match its issuer)." };
        var statusListToken = new Option<FileInfo?>("--status-list-token") { Description = "The Status List Token (statuslist+jwt) the credential refers to." };
        var nonce = new Option<string?>("--nonce") { Description = "The nonce the verifier gave the wallet; the Key Binding JWT must carry it." };
        var audience = new Option<string?>("--audience") { Description = "The verifier's identifier; the Key Binding JWT's aud must equal it." };
        var skipStatus = new Option<bool>("--skip-status") { Description = "Accept a credential whose status cannot be checked, reporting UNCHECKED." };
        var input = new Argument<string>("FILE") { Description = "The presentation (SD-JWT+KB), or '-' for standard input.", DefaultValueFactory = _ => "-" };

        var command = new Command("verify", "Verify an mLegitymacja presentation offline and print the result as JSON (exit 0 valid, 1 not).");
        command.Options.Add(jwks);
        command.Options.Add(statusListToken);
        command.Options.Add(nonce);
        command.Options.Add(audience);
        command.Options.Add(skipStatus);
        command.Arguments.Add(input);
        command.SetAction(async (parse, cancel) =>
        {
            var request = new Request(parse.GetValue(jwks), parse.GetValue(statusListToken), parse.GetValue(nonce), parse.GetValue(audience), parse.GetValue(skipStatus), parse.GetValue(input)!);
            var output = await RunAsync(request, time, cancel).ConfigureAwait(false);
            parse.InvocationConfiguration.Output.WriteLine(output.ToJsonString(CliJson.Options));
            return output["valid"]!.GetValue<bool>() ? 0 : 1;
        });
        return command;
    }

    private static async Task<JsonObject> RunAsync(Request request, TimeProvider time, CancellationToken cancel)
    {
        if (request.Jwks is null)
        {
            return Invalid("jwks_required", "Pass the issuer's keys with --jwks FILE; the verifier fetches nothing.");
        }

        if (request.Nonce is null || request.Audience is null)
        {
            return Invalid("kb_parameters_required", "Pass --nonce and --audience: the presentation must be bound to this verification.");
        }

        var keys = await ReadKeysAsync(request.Jwks, cancel).ConfigureAwait(false);
        if (keys.Error is not null)
        {
            return Invalid(keys.Error.Code, keys.Error.Message);
        }

        string presentation = (request.Input == "-" ? await Console.In.ReadToEndAsync(cancel).ConfigureAwait(false) : await File.ReadAllTextAsync(request.Input, cancel).ConfigureAwait(false)).Trim();
        string? statusList = request.StatusListToken is null ? null : (await File.ReadAllTextAsync(request.StatusListToken.FullName, cancel).ConfigureAwait(false)).Trim();

        var verifier = new SdJwtVcVerifier(
            new SdJwtVerifierOptions
            {
                IssuerKeys = keys.Keys!,
                ExpectedIssuer = keys.Issuer,
                ExpectedNonce = request.Nonce,
                ExpectedAudience = request.Audience,
                TimeProvider = time,
            },
            expectedVct: null);
        var result = verifier.Verify(presentation, statusList, request.SkipStatus);
        if (!result.IsValid)
        {
            return Invalid(result.Error.Code, result.Error.Message);
        }

        return new JsonObject
        {
            ["valid"] = true,
            ["status"] = result.Value.Status switch
            {
                CredentialStatus.Valid => "VALID",
                CredentialStatus.Unchecked => "UNCHECKED",
                CredentialStatus.NotApplicable => "NONE",
            },
            ["claims"] = JsonNode.Parse(result.Value.Presentation.ClaimsJson.Span),
        };
    }

    private static async Task<(IIssuerKeyResolver? Keys, string? Issuer, VerificationError? Error)> ReadKeysAsync(FileInfo file, CancellationToken cancel)
    {
        JsonDocument document;
        try
        {
            await using var stream = file.OpenRead();
            document = await JsonDocument.ParseAsync(stream, cancellationToken: cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return (null, null, new VerificationError("jwks_invalid", $"Cannot read {file.Name} as JSON: {e.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("issuer"u8, out _))
            {
                var metadata = JwtVcIssuerMetadata.TryParse(root, out var reason);
                return metadata is null ? (null, null, new VerificationError("jwks_invalid", reason)) : (metadata.Keys, metadata.Issuer, null);
            }

            var set = JsonWebKeySet.TryParse(root, out var setReason);
            return set is null ? (null, null, new VerificationError("jwks_invalid", setReason)) : (set, null, null);
        }
    }

    private static JsonObject Invalid(string code, string message) => new() { ["valid"] = false, ["error"] = code, ["message"] = message };

    private sealed record Request(FileInfo? Jwks, FileInfo? StatusListToken, string? Nonce, string? Audience, bool SkipStatus, string Input);
}
