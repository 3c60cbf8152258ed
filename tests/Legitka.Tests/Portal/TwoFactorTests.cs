using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Legitka.Tests.Infrastructure;

namespace Legitka.Tests.Portal;

/// <summary>Staff turn on TOTP; afterwards a password alone no longer signs them in.</summary>
public sealed partial class TwoFactorTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task After_enabling_totp_sign_in_needs_the_current_code()
    {
        const string email = "dyrektor@sp7.legitka.test";
        using var client = await fixture.App.SignInAsync(email);
        var setup = await client.GetStringAsync("/Account/TwoFactor");
        var key = SharedKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

        using var wrong = await TestApp.PostFormAsync(client, "/Account/TwoFactor", "/Account/TwoFactor?handler=Enable", new() { ["Code"] = "000000" });
        Assert.Contains("Kod jest nieprawidłowy", await wrong.Content.ReadAsStringAsync());
        using var enabled = await TestApp.PostFormAsync(client, "/Account/TwoFactor", "/Account/TwoFactor?handler=Enable", new() { ["Code"] = Totp(key) });
        Assert.Contains("Logowanie dwuetapowe zostało włączone", await enabled.Content.ReadAsStringAsync());

        using var fresh = fixture.App.AnonymousClient();
        using var password = await TestApp.PostLoginAsync(fresh, email, Demo.DemoSeeder.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/Account/LoginWith2fa", password.Headers.Location!.OriginalString);
        using var home = await fresh.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode); // not signed in yet

        using var second = await TestApp.PostFormAsync(fresh, password.Headers.Location.OriginalString, "/Account/LoginWith2fa", new() { ["Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("Szkoła Podstawowa nr 7", await fresh.GetStringAsync("/"));
    }

    /// <summary>RFC 6238 with SHA-1, 30-second steps, six digits — what an authenticator app computes.</summary>
    private static string Totp(string base32Key)
    {
        // ASP.NET Core Identity checks TOTP codes against the system clock, not the registered TimeProvider.
        var step = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps implement it is HMAC-SHA-1
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex("<code>([a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();
}
