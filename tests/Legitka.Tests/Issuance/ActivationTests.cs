using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Legitka.Audit;
using Legitka.Codes;
using Legitka.Credentials.Keys;
using Legitka.Credentials.SdJwt;
using Legitka.Credentials.SdJwtVc;
using Legitka.Data;
using Legitka.Issuance;
using Legitka.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Legitka.Tests.Issuance;

/// <summary>Codes and the OpenID4VCI pre-authorized flow over real HTTP, on the demo's ready class 8D.</summary>
public sealed class ActivationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    private string Issuer => App.Address.ToString().TrimEnd('/');

    private TestHolder Holder() => new(App.AnonymousClient(), Issuer, App.Clock);

    /// <summary>A fresh code for one pupil of 8D (the first codes of 8D come from the class batch test).</summary>
    private async Task<IssuedCode> CodeForAsync(int pupilIndex)
    {
        var pupilId = await App.WithDbAsync(db => (
            from p in db.Pupils join c in db.Classes on p.ClassId equals c.Id
            where c.Name == "8D" orderby p.FamilyName, p.GivenNames, p.Id select p.Id).Skip(pupilIndex).FirstAsync());
        var schoolId = await App.WithDbAsync(db => db.Pupils.Where(p => p.Id == pupilId).Select(p => p.SchoolId).SingleAsync());
        return Assert.Single(await TestBatches.RunAsync(App, schoolId, [], pupilId));
    }

    [Fact]
    public async Task Metadata_names_the_flow_and_keys()
    {
        using var http = App.AnonymousClient();
        var issuer = JsonNode.Parse(await http.GetStringAsync("/.well-known/openid-credential-issuer"))!;
        Assert.Equal(Issuer, issuer["credential_issuer"]!.GetValue<string>());
        var configuration = issuer["credential_configurations_supported"]!["mlegitymacja"]!;
        Assert.Equal("dc+sd-jwt", configuration["format"]!.GetValue<string>());
        Assert.Equal(MobileIdCredentialType.Vct, configuration["vct"]!.GetValue<string>());
        Assert.Equal("ES256", configuration["proof_types_supported"]!["jwt"]!["proof_signing_alg_values_supported"]![0]!.GetValue<string>());
        var server = JsonNode.Parse(await http.GetStringAsync("/.well-known/oauth-authorization-server"))!;
        Assert.True(server["pre-authorized_grant_anonymous_access_supported"]!.GetValue<bool>());
        Assert.Empty(server["response_types_supported"]!.AsArray());
        Assert.Equal(Issuer + "/token", server["token_endpoint"]!.GetValue<string>());
        var jwtVcIssuer = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwt-vc-issuer")).RootElement;
        Assert.Equal(Issuer, jwtVcIssuer.GetProperty("issuer").GetString());
        Assert.NotNull(JsonWebKeySet.TryParse(jwtVcIssuer.GetProperty("jwks"), out _));
    }

    [Fact]
    public async Task Class_batch_makes_one_code_per_ready_pupil_hashed_at_rest_and_closes_the_report()
    {
        var classId = await App.WithDbAsync(db => db.Classes.Where(c => c.Name == "8D").Select(c => c.Id).SingleAsync());
        var schoolId = await App.WithDbAsync(db => db.Classes.Where(c => c.Id == classId).Select(c => c.SchoolId).SingleAsync());
        var hadCodes = (await App.WithDbAsync(db => db.ActivationOffers.Select(o => o.PupilId).Distinct().ToListAsync())).ToHashSet();
        // Pupils whose mLegitymacja works, or whose slip still does (both from other tests here), are left out of a class's batch.
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var served = (await App.WithDbAsync(db => db.IssuedMobileIds.Where(c => c.EndedAt == null && db.Pupils.Any(p => p.Id == c.PupilId && p.ClassId == classId))
                .Select(c => c.PupilId).ToListAsync()))
            .Union(await App.WithDbAsync(db => db.ActivationOffers.Where(o => o.ExpiresAt > now && db.Pupils.Any(p => p.Id == o.PupilId && p.ClassId == classId)
                && (o.State == OfferState.Open || (o.State == OfferState.Redeemed && o.CredentialId == null))).Select(o => o.PupilId).ToListAsync()))
            .ToHashSet();
        var expected = 25 - served.Count;
        await using var scope = App.Scope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        var request = await generator.RequestAsync(schoolId, Actor.Cli(), [classId], null, holdLease: true);
        Assert.True(request.Outcome.Succeeded, request.Outcome.Message);
        await generator.RunAsync(request.Batch!);
        var codes = await scope.ServiceProvider.GetRequiredService<SlipArchive>().OpenBatchAsync(request.Batch!.Id);

        Assert.Equal(expected, codes.Count);
        Assert.DoesNotContain(codes, c => served.Contains(c.PupilId));
        Assert.All(codes, c => Assert.Matches("^[0-9]{8}$", c.ActivationCode));
        // No two pupils of 8D share a name, so no slip needs the card number to tell them apart.
        Assert.All(codes, c => Assert.Null(c.CardNumber));
        Assert.All(codes, c => Assert.StartsWith("openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString(Issuer + "/offers/"), c.OfferUri));
        Assert.Equal(expected, codes.Select(c => c.PupilId).Distinct().Count());
        // A pupil's first code lasts 30 days, a later one 7, each to the end of its last day (other tests here may have
        // given some pupils a code first).
        Assert.All(codes, c => Assert.Equal(CodeRules.ExpiresAt(App.Clock.GetUtcNow(), hadCodes.Contains(c.PupilId) ? 7 : 30), c.ExpiresAt));

        // Nothing plain in the offers table: neither the reference nor the activation code.
        var offers = await App.WithDbAsync(db => db.ActivationOffers.Where(o => o.BatchId == request.Batch.Id).ToListAsync());
        Assert.Equal(expected, offers.Count);
        var stored = string.Join("|", offers.Select(o => Convert.ToHexString(o.ReferenceHash) + Convert.ToHexString(o.ActivationCodeHash)));
        Assert.DoesNotContain(codes[0].ActivationCode, stored);
        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(codes[0].ActivationCode)), stored);

        var batch = await App.WithDbAsync(db => db.CodeBatches.SingleAsync(b => b.Id == request.Batch.Id));
        Assert.Equal((CodeBatchState.Done, expected, expected), (batch.State, batch.Done, batch.Total));
        Assert.False(await App.WithDbAsync(db => db.ReadinessReports.AnyAsync(r => r.ClassId == classId && r.ClosedAt == null)));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "codes.generated" && e.EntityId == classId.ToString())));

        var again = await generator.RequestAsync(schoolId, Actor.Cli(), [classId], null, holdLease: true);
        Assert.Equal("class_not_ready", again.Outcome.Code);
    }

    [Fact]
    public async Task Full_activation_gives_a_bound_verifiable_credential_from_the_registry()
    {
        var code = await CodeForAsync(1);
        using var holder = Holder();
        var (credential, notificationId, accessToken) = await holder.ActivateAsync(code.OfferUri, code.ActivationCode);

        using var http = App.AnonymousClient();
        var jwks = JsonWebKeySet.TryParse(JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks.json")).RootElement, out _)!;
        var verified = await VerifyAsync(http, credential, jwks);
        Assert.True(verified.IsValid, verified.Error?.Message);
        var claims = verified.Value!.Presentation.Claims;
        var pupil = await App.WithDbAsync(db => db.Pupils.SingleAsync(p => p.Id == code.PupilId));
        Assert.Equal(pupil.GivenNames, claims.GetProperty("given_name").GetString());
        Assert.Equal(pupil.FamilyName, claims.GetProperty("family_name").GetString());
        Assert.Equal("8D", claims.GetProperty("class_name").GetString());
        Assert.Equal("Warszawa", claims.GetProperty("school").GetProperty("address").GetProperty("locality").GetString());
        Assert.StartsWith("data:image/jpeg;base64,", claims.GetProperty("portrait").GetString());
        Assert.Equal(CredentialStatus.Valid, verified.Value.Status);

        var issued = await App.WithDbAsync(db => db.IssuedMobileIds.SingleAsync(c => c.PupilId == code.PupilId));
        Assert.Equal(Legitka.Credentials.Jose.EcPublicJwk.FromECDsa(holder.Key, null).Thumbprint(), issued.KeyThumbprint);
        await App.SealAuditAsync();
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "mobileid.activated" && e.EntityId == code.PupilId.ToString())));

        var notify = new HttpRequestMessage(HttpMethod.Post, "/notification")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { notification_id = notificationId, @event = "credential_accepted" }),
        };
        notify.Headers.Authorization = new("Bearer", accessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(notify)).StatusCode);
        Assert.Equal("credential_accepted", (await App.WithDbAsync(db => db.IssuedMobileIds.SingleAsync(c => c.Id == issued.Id))).WalletEvent);

        // The code is spent: the offer is gone, the access token gives no second credential, and asking takes no
        // status-list entry (an entry handed out is spent for good, and a list holds a fixed number).
        Assert.Equal(HttpStatusCode.Gone, (await holder.FetchOfferAsync(code.OfferUri)).StatusCode);
        var statusLists = App.Services.GetRequiredService<StatusLists>();
        var handedOut = statusLists.HandedOut;
        var second = await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()));
        Assert.Equal("credential_request_denied", await TestHolder.ErrorOf(second));
        Assert.Equal(handedOut, statusLists.HandedOut);
    }

    [Fact]
    public async Task Wrong_codes_are_counted_without_consuming_and_the_fifth_voids_the_offer()
    {
        var code = await CodeForAsync(2);
        using var holder = Holder();
        var preAuthorized = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        var wrong = code.ActivationCode == "00000000" ? "00000001" : "00000000";
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            // With a DPoP proof or without, the wallet is told how many attempts are left (the proof is spent with the count).
            var response = await holder.TokenAsync(preAuthorized, wrong, attempt % 2 == 1 ? holder.Dpop("POST", "/token") : null);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_grant", await TestHolder.ErrorOf(response));
            Assert.Contains($"{CodeRules.MaxFailedAttempts - attempt} attempt(s) left", await response.Content.ReadAsStringAsync());
        }

        // Four wrong codes consume nothing: the right one still works... on a twin offer; this one takes the fifth.
        var fifth = await holder.TokenAsync(preAuthorized, wrong, holder.Dpop("POST", "/token"));
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(fifth));
        Assert.Contains("void", await fifth.Content.ReadAsStringAsync());
        var afterLockout = await holder.TokenAsync(preAuthorized, code.ActivationCode);
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(afterLockout));
        Assert.Equal(HttpStatusCode.Gone, (await holder.FetchOfferAsync(code.OfferUri)).StatusCode);

        var offer = await App.WithDbAsync(db => db.ActivationOffers.SingleAsync(o => o.PupilId == code.PupilId && o.State == OfferState.LockedOut));
        Assert.Equal(5, offer.FailedAttempts);
        await App.SealAuditAsync();
        Assert.Equal(4, await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "activation.wrong-code" && e.EntityId == code.PupilId.ToString())));
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "activation.locked-out" && e.EntityId == code.PupilId.ToString())));
    }

    [Fact]
    public async Task A_wrong_code_then_the_right_one_activates()
    {
        var code = await CodeForAsync(3);
        using var holder = Holder();
        var preAuthorized = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(await holder.TokenAsync(preAuthorized, "1234567")));
        Assert.Equal("invalid_request", await TestHolder.ErrorOf(await holder.TokenAsync(preAuthorized, null)));
        var ok = await holder.TokenAsync(preAuthorized, code.ActivationCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("no-store", ok.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Hundred_concurrent_token_requests_with_one_valid_code_give_exactly_one_token()
    {
        var code = await CodeForAsync(4);
        using var holder = Holder();
        var preAuthorized = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            using var client = App.AnonymousClient();
            return await new TestHolder(client, Issuer, App.Clock).TokenAsync(preAuthorized, code.ActivationCode);
        })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Proofs_with_wrong_audience_type_algorithm_key_or_a_replayed_nonce_are_refused()
    {
        var code = await CodeForAsync(5);
        using var holder = Holder();
        var token = await holder.TokenAsync(await holder.PreAuthorizedCodeAsync(code.OfferUri), code.ActivationCode);
        var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

        Assert.Equal("invalid_proof", await TestHolder.ErrorOf(await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync(), audience: "https://evil.example"))));
        Assert.Equal("invalid_proof", await TestHolder.ErrorOf(await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync(), type: "JWT"))));
        Assert.Equal("invalid_proof", await TestHolder.ErrorOf(await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync(), alg: "ES384"))));
        Assert.Equal("invalid_proof", await TestHolder.ErrorOf(await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync(), signWith: stranger))));
        Assert.Equal("invalid_proof", await TestHolder.ErrorOf(await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync(), issuedAt: App.Clock.GetUtcNow().AddHours(-1)))));
        Assert.Equal("invalid_nonce", await TestHolder.ErrorOf(await holder.CredentialAsync(accessToken, holder.Proof("made-up-nonce"))));
        Assert.Equal("unknown_credential_configuration", await TestHolder.ErrorOf(await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()), "other")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await holder.CredentialAsync("not-a-token", holder.Proof(await holder.NonceAsync()))).StatusCode);

        // A nonce spent by a successful request cannot be spent again, even by the same wallet with another token.
        var nonce = await holder.NonceAsync();
        Assert.Equal(HttpStatusCode.OK, (await holder.CredentialAsync(accessToken, holder.Proof(nonce))).StatusCode);
        var other = await CodeForAsync(6);
        var otherToken = await holder.TokenAsync(await holder.PreAuthorizedCodeAsync(other.OfferUri), other.ActivationCode);
        var otherAccess = JsonNode.Parse(await otherToken.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        Assert.Equal("invalid_nonce", await TestHolder.ErrorOf(await holder.CredentialAsync(otherAccess, holder.Proof(nonce))));
    }

    [Fact]
    public async Task A_DPoP_proof_carries_one_request_and_a_replayed_one_changes_nothing()
    {
        var code = await CodeForAsync(16);
        using var holder = Holder();
        var tokenProof = holder.Dpop("POST", "/token");
        var token = await holder.TokenAsync(await holder.PreAuthorizedCodeAsync(code.OfferUri), code.ActivationCode, tokenProof);
        var tokenJson = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
        Assert.Equal("DPoP", tokenJson["token_type"]!.GetValue<string>());
        var accessToken = tokenJson["access_token"]!.GetValue<string>();

        // The same proof with another slip's code: refused, and that slip stays usable.
        var other = await CodeForAsync(17);
        var otherCode = await holder.PreAuthorizedCodeAsync(other.OfferUri);
        var replayedAtToken = await holder.TokenAsync(otherCode, other.ActivationCode, tokenProof);
        Assert.Equal("invalid_dpop_proof", await TestHolder.ErrorOf(replayedAtToken));
        Assert.Equal(HttpStatusCode.OK, (await holder.TokenAsync(otherCode, other.ActivationCode, holder.Dpop("POST", "/token"))).StatusCode);

        // A DPoP-bound token needs its proof, and a proof goes with one request — also one that was refused: the
        // proof does not cover the body, so a captured one must not carry another key proof.
        Assert.Equal(HttpStatusCode.Unauthorized, (await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()))).StatusCode);
        var refusedProof = holder.Dpop("POST", "/credential", accessToken);
        Assert.Equal("invalid_nonce", await TestHolder.ErrorOf(await holder.CredentialAsync(accessToken, holder.Proof("made-up-nonce"), dpop: refusedProof)));
        var replayedRefused = await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()), dpop: refusedProof);
        Assert.Equal("invalid_dpop_proof", await TestHolder.ErrorOf(replayedRefused));
        var credentialProof = holder.Dpop("POST", "/credential", accessToken);
        var issued = await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()), dpop: credentialProof);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var notificationId = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["notification_id"]!.GetValue<string>();
        var replayedAtCredential = await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()), dpop: credentialProof);
        Assert.Equal(HttpStatusCode.Unauthorized, replayedAtCredential.StatusCode);
        Assert.Equal("invalid_dpop_proof", await TestHolder.ErrorOf(replayedAtCredential));

        // Whoever replays the wallet's "accepted" with its proof cannot turn it into "deleted", nor a refused notification's.
        var refusedNotification = holder.Dpop("POST", "/notification", accessToken);
        Assert.Equal("invalid_notification_request", await TestHolder.ErrorOf(await holder.NotificationAsync(accessToken, notificationId, "credential_lost", refusedNotification)));
        Assert.Equal("invalid_dpop_proof", await TestHolder.ErrorOf(await holder.NotificationAsync(accessToken, notificationId, "credential_deleted", refusedNotification)));
        // An "accepted" naming a notification_id this token did not get is refused and marks nothing.
        Assert.Equal("invalid_notification_id", await TestHolder.ErrorOf(
            await holder.NotificationAsync(accessToken, "not-" + notificationId, "credential_accepted", holder.Dpop("POST", "/notification", accessToken))));
        Assert.Null((await App.WithDbAsync(db => db.IssuedMobileIds.SingleAsync(c => c.PupilId == code.PupilId))).WalletEvent);
        var notificationProof = holder.Dpop("POST", "/notification", accessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await holder.NotificationAsync(accessToken, notificationId, "credential_accepted", notificationProof)).StatusCode);
        var replayedNotification = await holder.NotificationAsync(accessToken, notificationId, "credential_deleted", notificationProof);
        Assert.Equal(HttpStatusCode.Unauthorized, replayedNotification.StatusCode);
        Assert.Equal("invalid_dpop_proof", await TestHolder.ErrorOf(replayedNotification));
        var credential = await App.WithDbAsync(db => db.IssuedMobileIds.SingleAsync(c => c.PupilId == code.PupilId));
        Assert.Equal(("credential_accepted", (DateTime?)null), (credential.WalletEvent, credential.EndedAt));
    }

    [Fact]
    public async Task A_new_code_voids_the_unused_one_and_codes_expire()
    {
        var first = await CodeForAsync(7);
        var second = await CodeForAsync(7);
        using var holder = Holder();
        Assert.Equal(HttpStatusCode.Gone, (await holder.FetchOfferAsync(first.OfferUri)).StatusCode);
        // The second code for a pupil lasts 7 days, not 30.
        Assert.Equal(CodeRules.ExpiresAt(App.Clock.GetUtcNow(), 7), second.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, (await holder.FetchOfferAsync(second.OfferUri)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await holder.FetchOfferAsync(first.OfferUri.Replace(TestHolder.ReferenceOf(first.OfferUri), new string('A', 43)))).StatusCode);
        // The school sees that the old slip was still tried (a known slip only: an unknown reference writes nothing), once
        // an hour however often it is fetched.
        Assert.Equal(HttpStatusCode.Gone, (await holder.FetchOfferAsync(first.OfferUri)).StatusCode);
        await App.SealAuditAsync();
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "activation.refused"
            && e.EntityId == second.PupilId.ToString() && e.Details!.Contains("slip scanned, offer voided"))));
    }

    [Fact]
    public async Task A_reference_naming_a_real_offer_with_a_forged_secret_is_unknown()
    {
        var code = await CodeForAsync(18);
        var reference = TestHolder.ReferenceOf(code.OfferUri);
        var bytes = Base64Url.DecodeFromChars(reference);
        Assert.Equal(code.OfferId, new Guid(bytes.AsSpan(0, 16), bigEndian: true));
        using var holder = Holder();
        for (var i = 16; i < bytes.Length; i += 5)
        {
            var forged = (byte[])bytes.Clone();
            forged[i] ^= 1;
            var response = await holder.FetchOfferAsync(code.OfferUri.Replace(reference, Base64Url.EncodeToString(forged), StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await holder.FetchOfferAsync(code.OfferUri)).StatusCode);
    }

    [Fact]
    public async Task Activating_on_a_second_phone_ends_the_first_in_the_served_status_list()
    {
        using var http = App.AnonymousClient();
        var jwks = JsonWebKeySet.TryParse(JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks.json")).RootElement, out _)!;
        var code = await CodeForAsync(8);
        using var firstPhone = Holder();
        var (firstCredential, _, _) = await firstPhone.ActivateAsync(code.OfferUri, code.ActivationCode);
        Assert.Equal(CredentialStatus.Valid, (await VerifyAsync(http, firstCredential, jwks)).Value!.Status);

        var replacement = await CodeForAsync(8);
        using var secondPhone = Holder();
        var (secondCredential, _, _) = await secondPhone.ActivateAsync(replacement.OfferUri, replacement.ActivationCode);

        var first = await VerifyAsync(http, firstCredential, jwks);
        Assert.Equal("status_invalid", first.Error?.Code);
        Assert.True((await VerifyAsync(http, secondCredential, jwks)).IsValid);
        var credentials = await App.WithDbAsync(db => db.IssuedMobileIds.Where(c => c.PupilId == code.PupilId).ToListAsync());
        Assert.Equal(2, credentials.Count);
        Assert.Equal("activated on another phone", Assert.Single(credentials, c => c.EndedAt is not null).EndReason);
    }

    [Fact]
    public async Task A_refused_access_token_gets_a_challenge_naming_the_error()
    {
        using var holder = Holder();
        var refused = await holder.CredentialAsync("not-a-token", holder.Proof(await holder.NonceAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid_token", await TestHolder.ErrorOf(refused));
        Assert.Equal("Bearer error=\"invalid_token\", DPoP error=\"invalid_token\", algs=\"ES256\"", Challenge(refused));

        // No token at all: the challenge names the schemes and no error (RFC 6750 §3.1).
        using var http = App.AnonymousClient();
        var anonymous = await http.PostAsync("/notification", System.Net.Http.Json.JsonContent.Create(new { notification_id = "x", @event = "credential_accepted" }));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer, DPoP algs=\"ES256\"", Challenge(anonymous));

        static string Challenge(HttpResponseMessage response) => string.Join(", ", response.Headers.NonValidated["WWW-Authenticate"]);
    }

    [Fact]
    public async Task The_code_as_printed_is_accepted_and_a_malformed_one_costs_no_attempt()
    {
        var code = await CodeForAsync(9);
        using var holder = Holder();
        var preAuthorized = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(await holder.TokenAsync(preAuthorized, "4821-09")));
        Assert.Equal(0, await App.WithDbAsync(db => db.ActivationOffers.Where(o => o.PupilId == code.PupilId && o.State == OfferState.Open)
            .Select(o => o.FailedAttempts).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await holder.TokenAsync(preAuthorized, CodeRules.Grouped(code.ActivationCode))).StatusCode);

        // Trying the spent code again is refused, and the refusal is in the audit log with the reason.
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(await holder.TokenAsync(preAuthorized, code.ActivationCode)));
        await App.SealAuditAsync();
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "activation.refused"
            && e.EntityId == code.PupilId.ToString() && e.Details!.Contains("offer redeemed"))));
    }

    [Fact]
    public async Task A_slip_whose_credential_never_came_opens_again_after_the_access_token_lapses()
    {
        var code = await CodeForAsync(10);
        using var holder = Holder();
        var token = await holder.TokenAsync(await holder.PreAuthorizedCodeAsync(code.OfferUri), code.ActivationCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await holder.FetchOfferAsync(code.OfferUri)).StatusCode);

        App.Clock.Advance(CodeRules.AccessTokenLifetime + TimeSpan.FromSeconds(1));
        var (credential, _, _) = await holder.ActivateAsync(code.OfferUri, code.ActivationCode);
        Assert.False(string.IsNullOrEmpty(credential));
    }

    [Fact]
    public async Task A_pre_authorized_code_from_before_the_slip_opened_again_is_refused()
    {
        var code = await CodeForAsync(12);
        using var holder = Holder();
        var early = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        var beforeReopening = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        Assert.Equal(HttpStatusCode.OK, (await holder.TokenAsync(early, code.ActivationCode)).StatusCode);

        // The access token lapses unused; the next scan opens the slip again. The code minted before that, though
        // still within its own lifetime, does not redeem the slip a second time.
        App.Clock.Advance(CodeRules.AccessTokenLifetime + TimeSpan.FromSeconds(1));
        Assert.True(CodeRules.AccessTokenLifetime + TimeSpan.FromSeconds(1) < CodeRules.PreAuthorizedCodeLifetime);
        var fresh = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(await holder.TokenAsync(beforeReopening, code.ActivationCode)));
        Assert.Equal(HttpStatusCode.OK, (await holder.TokenAsync(fresh, code.ActivationCode)).StatusCode);
    }

    [Fact]
    public async Task Scanning_a_slip_twice_leaves_both_codes_working_until_one_redeems_it()
    {
        var code = await CodeForAsync(13);
        using var holder = Holder();
        var first = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        var second = await holder.PreAuthorizedCodeAsync(code.OfferUri);
        Assert.NotEqual(first, second);

        // The phone that scanned first is not cancelled by the second scan...
        Assert.Equal(HttpStatusCode.OK, (await holder.TokenAsync(first, code.ActivationCode)).StatusCode);
        // ...and the slip is redeemed once: the other code is spent with it.
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(await holder.TokenAsync(second, code.ActivationCode)));

        // A code is worth nothing once tampered with or expired.
        var other = await CodeForAsync(14);
        var late = await holder.PreAuthorizedCodeAsync(other.OfferUri);
        var tampered = late[..^2] + (late[^2] == 'A' ? "B" : "A") + late[^1];
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(await holder.TokenAsync(tampered, other.ActivationCode)));
        App.Clock.Advance(CodeRules.PreAuthorizedCodeLifetime);
        Assert.Equal("invalid_grant", await TestHolder.ErrorOf(await holder.TokenAsync(late, other.ActivationCode)));
        Assert.Equal(HttpStatusCode.OK, (await holder.TokenAsync(await holder.PreAuthorizedCodeAsync(other.OfferUri), other.ActivationCode)).StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_application_after_printing_stops_the_credential()
    {
        var code = await CodeForAsync(11);
        var state = await App.WithDbAsync(db => db.Applications.Where(a => a.PupilId == code.PupilId).Select(a => a.State).SingleAsync());
        await SetApplicationStateAsync(code.PupilId, Legitka.Applications.ApplicationState.Withdrawn);
        try
        {
            using var holder = Holder();
            var token = await holder.TokenAsync(await holder.PreAuthorizedCodeAsync(code.OfferUri), code.ActivationCode);
            var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            var refused = await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()));
            Assert.Equal("credential_request_denied", await TestHolder.ErrorOf(refused));
            Assert.False(await App.WithDbAsync(db => db.IssuedMobileIds.AnyAsync(c => c.PupilId == code.PupilId)));
        }
        finally
        {
            // The class batch test, which may run later, counts every pupil of 8D as ready.
            await SetApplicationStateAsync(code.PupilId, state);
        }
    }

    [Fact]
    public async Task A_card_invalidated_after_printing_stops_the_credential_and_a_valid_one_lets_it_through()
    {
        var code = await CodeForAsync(15);
        var cardId = await App.WithDbAsync(db => db.Cards.Where(c => c.PupilId == code.PupilId).Select(c => c.Id).SingleAsync());
        await SetCardInvalidatedAsync(cardId, App.Clock.GetUtcNow().UtcDateTime);
        try
        {
            using var holder = Holder();
            var token = await holder.TokenAsync(await holder.PreAuthorizedCodeAsync(code.OfferUri), code.ActivationCode);
            var accessToken = JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
            var refused = await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()));
            Assert.Equal("credential_request_denied", await TestHolder.ErrorOf(refused));
            Assert.Contains("no valid card", await refused.Content.ReadAsStringAsync());

            // The school fixes the register; the same access token then gets the credential, with the card's data.
            await SetCardInvalidatedAsync(cardId, null);
            var issued = await holder.CredentialAsync(accessToken, holder.Proof(await holder.NonceAsync()));
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            var number = await App.WithDbAsync(db => db.Cards.Where(c => c.Id == cardId).Select(c => c.Number).SingleAsync());
            Assert.Equal(number, await App.WithDbAsync(db => db.IssuedMobileIds.Where(c => c.PupilId == code.PupilId).Select(c => c.CardNumber).SingleAsync()));
        }
        finally
        {
            await SetCardInvalidatedAsync(cardId, null);
        }
    }

    private Task<int> SetCardInvalidatedAsync(Guid cardId, DateTime? at) =>
        App.WithDbAsync(db => db.Cards.Where(c => c.Id == cardId).ExecuteUpdateAsync(u => u.SetProperty(c => c.InvalidatedAt, at)));

    private Task<int> SetApplicationStateAsync(Guid pupilId, Legitka.Applications.ApplicationState state) =>
        App.WithDbAsync(db => db.Applications.Where(a => a.PupilId == pupilId).ExecuteUpdateAsync(u => u.SetProperty(a => a.State, state)));

    [Fact]
    public async Task A_second_batch_waits_for_the_running_one_and_the_key_ring_is_encrypted_at_rest()
    {
        var pupilId = await App.WithDbAsync(db => (
            from p in db.Pupils join c in db.Classes on p.ClassId equals c.Id
            where c.Name == "8D" orderby p.FamilyName, p.GivenNames, p.Id select p.Id).Skip(12).FirstAsync());
        var schoolId = await App.WithDbAsync(db => db.Pupils.Where(p => p.Id == pupilId).Select(p => p.SchoolId).SingleAsync());
        await using var scope = App.Scope();
        var generator = scope.ServiceProvider.GetRequiredService<CodeGenerator>();
        var first = await generator.RequestAsync(schoolId, Actor.Cli(), [], pupilId, holdLease: true);
        Assert.Equal("batch_running", (await generator.RequestAsync(schoolId, Actor.Cli(), [], pupilId, holdLease: true)).Outcome.Code);
        await generator.RunAsync(first.Batch!);

        var keys = await App.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedKey", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    private async Task<Legitka.Credentials.Verification.VerificationResult<VerifiedCredential>> VerifyAsync(HttpClient http, string credential, JsonWebKeySet jwks)
    {
        var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(credential.Split('~')[0].Split('.')[1])).RootElement;
        var uri = new Uri(payload.GetProperty("status").GetProperty("status_list").GetProperty("uri").GetString()!);
        var response = await http.GetAsync(uri.PathAndQuery);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var statusList = await response.Content.ReadAsStringAsync();
        var verifier = new SdJwtVcVerifier(new SdJwtVerifierOptions { IssuerKeys = jwks, RequireKeyBinding = false, ExpectedIssuer = Issuer, TimeProvider = App.Clock }, MobileIdCredentialType.Vct);
        return verifier.Verify(credential, statusList);
    }
}
