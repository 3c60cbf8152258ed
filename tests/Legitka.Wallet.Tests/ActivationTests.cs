using System.Text.Json;
using Legitka.Credentials.StatusList;
using Legitka.Wallet.Keys;
using Legitka.Wallet.Storage;

namespace Legitka.Wallet.Tests;

/// <summary>The whole Pre-Authorized Code Flow against the fake issuer, through the CLI and through the library.</summary>
public sealed class ActivationTests
{
    [Fact]
    public async Task Activate_stores_a_verified_card_and_show_follows_its_live_status()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var cli = new WalletCli();
        string offer = issuer.CreateOffer(txCode: "48210937");

        var (exit, output) = await cli.RunAsync("activate", "--offer", offer, "--code", "4821 0937");

        Assert.True(exit == 0, output);
        Assert.Contains("Zofia Maria Wiśniewska-Żółkiewska", output);
        Assert.Contains("card stored", output);
        var notification = Assert.Single(issuer.Notifications);
        Assert.Equal("credential_accepted", notification.Event);

        // The stored credential: bound to the wallet's device key, which is kept 0600.
        var store = new WalletStore(cli.Directory);
        using var deviceKey = store.LoadDeviceKey();
        Assert.NotNull(deviceKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.DeviceKeyPath));
        }

        var stored = Assert.Single(await store.LoadCredentialsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(deviceKey.Thumbprint, stored.KeyThumbprint);
        Assert.Equal(issuer.BaseUrl, stored.Issuer);
        Assert.EndsWith("~", stored.Credential, StringComparison.Ordinal);
        Assert.Equal("SP1/2026/0042", stored.Card.DocumentNumber);

        var cards = await cli.ShowJsonAsync();
        var card = Assert.Single(cards.EnumerateArray());
        Assert.Equal("Zofia Maria", card.GetProperty("given_name").GetString());
        Assert.Equal("Wiśniewska-Żółkiewska", card.GetProperty("family_name").GetString());
        Assert.False(string.IsNullOrEmpty(card.GetProperty("school").GetString()));
        Assert.Equal(JsonValueKind.Null, card.GetProperty("class_name").ValueKind);
        Assert.Equal("SP1/2026/0042", card.GetProperty("document_number").GetString());
        Assert.Matches(@"^\d{4}-09-30$", card.GetProperty("expiry_date").GetString());
        Assert.Equal("VALID", card.GetProperty("status").GetString());
        Assert.Equal(deviceKey.Thumbprint, card.GetProperty("key_thumbprint").GetString());
        Assert.True(DateTimeOffset.TryParse(card.GetProperty("issued_at").GetString(), out _));

        issuer.SetStatus("SP1/2026/0042", StatusType.Invalid);
        Assert.Equal("INVALID", (await cli.ShowJsonAsync())[0].GetProperty("status").GetString());

        issuer.SetStatus("SP1/2026/0042", StatusType.Suspended);
        Assert.Equal("SUSPENDED", (await cli.ShowJsonAsync())[0].GetProperty("status").GetString());

        var (showExit, human) = await cli.RunAsync("show");
        Assert.Equal(0, showExit);
        Assert.Contains("SUSPENDED", human);
        Assert.Contains("SP1/2026/0042", human);
        // People read the date the Polish way; --json keeps ISO for programs.
        Assert.Matches(@"Ważna do / Valid until\s+30\.09\.\d{4}", human);
    }

    [Fact]
    public async Task A_second_activation_reuses_the_device_key_and_keeps_both_cards()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var cli = new WalletCli();

        Assert.Equal(0, (await cli.RunAsync("activate", "--offer", issuer.CreateOffer(documentNumber: "A/1"), "--code", "48210937")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("activate", "--offer", issuer.CreateOffer(documentNumber: "B/2", givenName: "Jan"), "--code", "4821-0937")).ExitCode);

        var cards = (await cli.ShowJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, cards.Count);
        Assert.Equal(["A/1", "B/2"], cards.Select(c => c.GetProperty("document_number").GetString()).Order());
        Assert.Single(cards.Select(c => c.GetProperty("key_thumbprint").GetString()).Distinct());
    }

    [Fact]
    public async Task A_wrong_code_fails_with_the_servers_error_and_stores_nothing()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var cli = new WalletCli();

        var (exit, output) = await cli.RunAsync("activate", "--offer", issuer.CreateOffer(txCode: "48210937"), "--code", "1111 2222");

        Assert.Equal(1, exit);
        Assert.Contains("invalid_grant", output);
        Assert.Contains("The code from the slip is wrong (2 attempts left).", output);
        Assert.Contains("HTTP 400", output);
        Assert.Empty(issuer.Notifications);
        Assert.Empty((await cli.ShowJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_code_of_the_wrong_length_is_refused_before_it_costs_an_attempt()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var cli = new WalletCli();

        var (exit, output) = await cli.RunAsync("activate", "--offer", issuer.CreateOffer(), "--code", "4821 093");

        Assert.Equal(1, exit);
        Assert.Contains("invalid_tx_code", output);
        Assert.Contains("8", output);
        Assert.DoesNotContain(issuer.Requests, r => r == "POST /token");
    }

    [Fact]
    public async Task A_credential_bound_to_another_key_is_refused_and_the_issuer_is_told()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        issuer.BindToOtherKey = true;
        using var cli = new WalletCli();

        var (exit, output) = await cli.RunAsync("activate", "--offer", issuer.CreateOffer(), "--code", "48210937");

        Assert.Equal(1, exit);
        Assert.Contains("cnf_mismatch", output);
        var notification = Assert.Single(issuer.Notifications);
        Assert.Equal("credential_failure", notification.Event);
        Assert.Contains("cnf_mismatch", notification.Description);
        Assert.Empty((await cli.ShowJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task With_DPoP_the_token_is_bound_and_every_protected_request_carries_a_proof()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        issuer.SupportDpop = true;
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();
        var client = new WalletClient(http);

        var result = await client.ActivateAsync(issuer.CreateOffer(), "48210937", key, TestContext.Current.CancellationToken);

        var success = Assert.IsType<ActivationSuccess>(result, exactMatch: false);
        Assert.Equal(NotificationState.Sent, success.Notification.State);
        Assert.Equal(1, issuer.DpopProofsAtCredentialEndpoint);
        Assert.Equal(key.Thumbprint, success.Credential.KeyThumbprint);
        Assert.True(result.Timings.Total > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_DPoP_nonce_challenge_is_answered_once_at_the_token_and_the_credential_endpoint()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        issuer.SupportDpop = true;
        issuer.RequireDpopNonce = true;
        using var cli = new WalletCli();

        var (exit, output) = await cli.RunAsync("activate", "--offer", issuer.CreateOffer(), "--code", "48210937");

        Assert.True(exit == 0, output);
        // Nonces are per server (RFC 9449 §8/§9): one challenge from the authorization server, one from the credential endpoint.
        Assert.Equal(2, issuer.DpopNonceChallenges);
        Assert.Equal(2, issuer.Requests.Count(r => r == "POST /token"));
        Assert.Equal(2, issuer.Requests.Count(r => r == "POST /credential"));
        Assert.Single(issuer.Notifications, n => n.Event == "credential_accepted");
    }

    [Fact]
    public async Task Without_DPoP_a_server_that_offers_it_still_gets_a_bearer_flow()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        issuer.SupportDpop = true;
        using var cli = new WalletCli();

        // The fake requires DPoP when it advertises it, so --no-dpop is refused at the token endpoint.
        var (exit, output) = await cli.RunAsync("activate", "--offer", issuer.CreateOffer(), "--code", "48210937", "--no-dpop");

        Assert.Equal(1, exit);
        Assert.Contains("invalid_dpop_proof", output);
    }

    [Fact]
    public async Task An_expired_nonce_is_renewed_once()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        issuer.RefuseNonces = 1;
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();

        var result = await new WalletClient(http).ActivateAsync(issuer.CreateOffer(), "48210937", key, TestContext.Current.CancellationToken);

        Assert.IsType<ActivationSuccess>(result, exactMatch: false);
        Assert.Equal(2, issuer.Requests.Count(r => r == "POST /nonce"));
    }

    [Fact]
    public async Task A_nonce_refused_twice_is_a_failure_with_the_servers_error()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        issuer.RefuseNonces = 2;
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();

        var result = await new WalletClient(http).ActivateAsync(issuer.CreateOffer(), "48210937", key, TestContext.Current.CancellationToken);

        var failure = Assert.IsType<ActivationFailure>(result);
        Assert.Equal(ActivationStep.Credential, failure.Step);
        Assert.Equal("invalid_nonce", failure.Error);
    }

    [Fact]
    public async Task An_offer_used_twice_is_refused_by_the_server()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();
        var client = new WalletClient(http);
        string offer = issuer.CreateOffer();

        Assert.IsType<ActivationSuccess>(await client.ActivateAsync(offer, "48210937", key, TestContext.Current.CancellationToken));
        var again = Assert.IsType<ActivationFailure>(await client.ActivateAsync(offer, "48210937", key, TestContext.Current.CancellationToken));

        Assert.Equal(ActivationStep.Offer, again.Step);
        Assert.Equal(404, again.HttpStatus);
    }

    [Fact]
    public async Task Many_activations_run_concurrently_on_one_client()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var http = new HttpClient();
        var client = new WalletClient(http);
        var offers = Enumerable.Range(0, 16).Select(i => issuer.CreateOffer(documentNumber: $"C/{i}")).ToList();

        var results = await Task.WhenAll(offers.Select(async offer =>
        {
            using var key = DeviceKey.Generate();
            return await client.ActivateAsync(offer, "48210937", key, TestContext.Current.CancellationToken);
        }));

        Assert.All(results, r => Assert.IsType<ActivationSuccess>(r));
        Assert.Equal(16, issuer.Notifications.Count(n => n.Event == "credential_accepted"));
    }

    [Fact]
    public async Task Plain_http_to_a_host_that_is_not_loopback_is_refused()
    {
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();
        string offer = "openid-credential-offer://?credential_offer_uri=" + Uri.EscapeDataString("http://issuer.example.pl/offers/1");

        var failure = Assert.IsType<ActivationFailure>(await new WalletClient(http).ActivateAsync(offer, "48210937", key, TestContext.Current.CancellationToken));

        Assert.Equal(ActivationStep.Offer, failure.Step);
        Assert.Equal(ActivationErrors.InvalidOffer, failure.Error);
        Assert.Contains("https", failure.Description);
    }

    [Fact]
    public async Task An_issuer_with_a_path_is_found_at_its_well_known_locations()
    {
        await using var issuer = await FakeIssuer.StartAsync("/szkola/1");
        using var cli = new WalletCli();

        var (exit, output) = await cli.RunAsync("activate", "--offer", issuer.CreateOffer(), "--code", "48210937");

        Assert.True(exit == 0, output);
        Assert.Contains("GET /.well-known/openid-credential-issuer/szkola/1", issuer.Requests);
        Assert.Contains("GET /.well-known/oauth-authorization-server/szkola/1", issuer.Requests);
        Assert.Contains("GET /.well-known/jwt-vc-issuer/szkola/1", issuer.Requests);
        Assert.Equal("VALID", (await cli.ShowJsonAsync())[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_offer_by_value_works_too()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();

        var result = await new WalletClient(http).ActivateAsync(issuer.CreateInlineOffer(documentNumber: "V/1"), "48210937", key, TestContext.Current.CancellationToken);

        Assert.Equal("V/1", Assert.IsType<ActivationSuccess>(result).Credential.Card.DocumentNumber);
    }

    [Fact]
    public async Task A_credential_that_does_not_verify_with_the_published_keys_is_refused_and_reported()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        issuer.PublishOtherKey = true;
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();

        var result = await new WalletClient(http).ActivateAsync(issuer.CreateOffer(), "48210937", key, TestContext.Current.CancellationToken);

        var failure = Assert.IsType<ActivationFailure>(result);
        Assert.Equal(ActivationStep.Verification, failure.Step);
        Assert.Equal("invalid_signature", failure.Error);
        Assert.Equal(NotificationState.Sent, failure.Notification!.State);
        Assert.Equal("credential_failure", Assert.Single(issuer.Notifications).Event);
    }

    [Fact]
    public async Task A_store_that_fails_turns_into_credential_failure()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();

        var result = await new WalletClient(http).ActivateAsync(issuer.CreateOffer(), "48210937", key,
            (_, _) => throw new IOException("No space left on device"), TestContext.Current.CancellationToken);

        var failure = Assert.IsType<ActivationFailure>(result);
        Assert.Equal(ActivationStep.Storage, failure.Step);
        Assert.Contains("No space left", failure.Description);
        Assert.Equal("credential_failure", Assert.Single(issuer.Notifications).Event);
    }

    [Fact]
    public async Task Metadata_for_another_issuer_is_not_used()
    {
        await using var issuer = await FakeIssuer.StartAsync();
        using var http = new HttpClient();
        using var key = DeviceKey.Generate();
        // The offer names the issuer with a trailing '/', the metadata says it without: not identical, not used (§12.2.4).
        string json = new System.Text.Json.Nodes.JsonObject
        {
            ["credential_issuer"] = issuer.BaseUrl + "/",
            ["credential_configuration_ids"] = new System.Text.Json.Nodes.JsonArray("mlegitymacja"),
            ["grants"] = new System.Text.Json.Nodes.JsonObject
            {
                ["urn:ietf:params:oauth:grant-type:pre-authorized_code"] = new System.Text.Json.Nodes.JsonObject { ["pre-authorized_code"] = "x" },
            },
        }.ToJsonString();

        var result = await new WalletClient(http).ActivateAsync("openid-credential-offer://?credential_offer=" + Uri.EscapeDataString(json), null, key, TestContext.Current.CancellationToken);

        var failure = Assert.IsType<ActivationFailure>(result);
        Assert.Equal(ActivationStep.IssuerMetadata, failure.Step);
        Assert.Equal(ActivationErrors.MetadataMismatch, failure.Error);
    }

    [Fact]
    public async Task Show_on_an_empty_wallet_prints_an_empty_list()
    {
        using var cli = new WalletCli();
        Assert.Empty((await cli.ShowJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Show_reports_UNREACHABLE_when_the_issuer_is_gone()
    {
        using var cli = new WalletCli();
        await using (var issuer = await FakeIssuer.StartAsync())
        {
            Assert.Equal(0, (await cli.RunAsync("activate", "--offer", issuer.CreateOffer(), "--code", "48210937")).ExitCode);
        }

        var card = Assert.Single((await cli.ShowJsonAsync()).EnumerateArray());
        Assert.Equal("UNREACHABLE", card.GetProperty("status").GetString());
    }
}
