using System.CommandLine;
using Legitka.Wallet.Protocol;
using Legitka.Wallet.Qr;
using Legitka.Wallet.Storage;
using Spectre.Console;

namespace Legitka.Wallet.Cli;

/// <summary>
/// <c>legitka-wallet activate (--qr IMAGE | --offer URI) --code CODE [--index N] [--wallet DIR] [--no-dpop]</c>:
/// reads the slip's QR code (or takes the offer link), runs the Pre-Authorized Code Flow with the wallet's device
/// key, verifies and stores the credential, and tells the issuer. Exit 0 when the card is stored, 1 otherwise.
/// <para>
/// An image with several offer QR codes (a whole page of slips) needs <c>--index N</c>, 1-based in reading order
/// (row by row, left to right): guessing would send this code against another pupil's slip, which costs that pupil
/// an attempt. QR codes that are not Credential Offers (e.g. a help link) are ignored.
/// </para>
/// </summary>
internal static class ActivateCommand
{
    public static Command Create(WalletCliContext context)
    {
        var qr = new Option<FileInfo?>("--qr") { Description = "Zdjęcie lub skan kartki z kodem QR / photo or scan of the slip (PNG, JPEG).", HelpName = "IMAGE" };
        var offer = new Option<string?>("--offer") { Description = "Link oferty / the offer link, openid-credential-offer://?credential_offer_uri=…", HelpName = "URI" };
        var code = new Option<string>("--code") { Required = true, Description = "Kod z kartki / the code from the slip, e.g. '4821 0937'.", HelpName = "CODE" };
        var index = new Option<int?>("--index") { Description = "Który kod QR na obrazie (1 = pierwszy, wierszami od lewej) / which QR code on a page of slips, 1-based in reading order.", HelpName = "N" };
        var noDpop = new Option<bool>("--no-dpop") { Description = "Nie używaj DPoP / do not send DPoP proofs even if the server supports them." };
        var wallet = WalletCommands.WalletOption(context);

        var command = new Command("activate", "Aktywuj mLegitymację / activate a card from a slip: QR code + code.") { qr, offer, code, index, noDpop, wallet };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(qr) is null) == (result.GetValue(offer) is null))
            {
                result.AddError("Podaj --qr IMAGE albo --offer URI / give exactly one of --qr IMAGE and --offer URI.");
            }

            if (result.GetValue(index) is < 1)
            {
                result.AddError("--index liczy od 1 / --index counts from 1.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            string? offerLink = parse.GetValue(offer);
            if (parse.GetValue(qr) is { } image)
            {
                offerLink = PickOffer(image, parse.GetValue(index), error);
                if (offerLink is null)
                {
                    return 1;
                }
            }

            var store = new WalletStore(WalletCommands.WalletDirectory(parse, wallet, context));
            Keys.DeviceKey deviceKey;
            bool created;
            try
            {
                deviceKey = store.LoadOrCreateDeviceKey(out created);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Terminal.Error(error, "Nie można otworzyć portfela", "cannot open the wallet", e.Message);
                return 1;
            }

            using (deviceKey)
            using (var http = context.CreateHttpClient())
            {
                var client = new WalletClient(http, context.Time, new WalletClientOptions { UseDpop = !parse.GetValue(noDpop) });
                StoredCredential? stored = null;
                var result = await client.ActivateAsync(offerLink!, parse.GetValue(code), deviceKey, async (received, cancel) =>
                {
                    stored = await store.SaveAsync(received, context.Time.GetUtcNow(), cancel).ConfigureAwait(false);
                }, ct);

                switch (result)
                {
                    case ActivationSuccess success:
                        PrintSuccess(Terminal.For(output), success, stored!, created);
                        return 0;
                    case ActivationFailure failure:
                        PrintFailure(error, failure);
                        return 1;
                    default:
                        throw new InvalidOperationException("Unknown activation result.");
                }
            }
        });
        return command;
    }

    /// <summary>The offer link from the image; null (after printing why) if there is none or the choice is unclear.</summary>
    private static string? PickOffer(FileInfo image, int? index, TextWriter error)
    {
        IReadOnlyList<DecodedQr> codes;
        try
        {
            codes = QrImageDecoder.Decode(image.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SixLabors.ImageSharp.UnknownImageFormatException or SixLabors.ImageSharp.InvalidImageContentException)
        {
            Terminal.Error(error, "Nie można odczytać obrazu", "cannot read the image", $"{image.Name}: {e.Message}");
            return null;
        }

        var offers = codes.Where(c => CredentialOfferLink.LooksLikeOffer(c.Text)).ToList();
        if (offers.Count == 0)
        {
            Terminal.Error(error, "Nie znaleziono kodu QR z ofertą", "no credential offer QR code found",
                $"{image.Name}: {codes.Count} QR code(s) read, none is an openid-credential-offer link. Try a sharper or larger image.");
            return null;
        }

        if (index is int chosen)
        {
            if (chosen > offers.Count)
            {
                Terminal.Error(error, $"Na obrazie jest tylko {offers.Count} kodów", $"the image has only {offers.Count} offer QR code(s)", $"--index {chosen} is out of range.");
                return null;
            }

            return offers[chosen - 1].Text;
        }

        if (offers.Count > 1)
        {
            Terminal.Error(error, $"Na obrazie jest {offers.Count} kodów QR — wybierz jeden", $"the image has {offers.Count} offer QR codes — choose one",
                $"Add --index N (1–{offers.Count}), counted row by row, left to right. The code from a slip only works with that slip's QR code.");
            return null;
        }

        return offers[0].Text;
    }

    private static void PrintSuccess(IAnsiConsole console, ActivationSuccess success, StoredCredential stored, bool newKey)
    {
        var card = stored.Card;
        console.MarkupLine("[green]✔ mLegitymacja zapisana w portfelu / card stored in the wallet[/]");
        console.MarkupLine($"  [bold]{Markup.Escape(card.FullName)}[/]");
        console.MarkupLine($"  Szkoła / School:        {Markup.Escape(card.School ?? "—")}");
        if (card.ClassName is not null)
        {
            console.MarkupLine($"  Klasa / Class:          {Markup.Escape(card.ClassName)}");
        }

        console.MarkupLine($"  Nr legitymacji / No.:   {Markup.Escape(card.DocumentNumber ?? "—")}");
        console.MarkupLine($"  Ważna do / Valid until: {Markup.Escape(Terminal.Date(card.ExpiryDate))}");
        console.MarkupLine($"  Klucz urządzenia / Device key: {Markup.Escape(stored.KeyThumbprint)}{(newKey ? " (nowy / new)" : string.Empty)}");
        console.MarkupLine($"  Plik / File: {Markup.Escape(stored.Path)}");
        switch (success.Notification.State)
        {
            case NotificationState.Sent:
                console.MarkupLine("  Wystawca powiadomiony / issuer notified (credential_accepted).");
                break;
            case NotificationState.NotSupported:
                console.MarkupLine("  [grey]Wystawca nie przyjmuje powiadomień / the issuer takes no notifications.[/]");
                break;
            case NotificationState.Failed:
                console.MarkupLine($"  [yellow]Powiadomienie nie doszło / notification failed: {Markup.Escape(success.Notification.Error + " " + success.Notification.Description)}[/]");
                break;
        }
    }

    private static void PrintFailure(TextWriter error, ActivationFailure failure)
    {
        var (polish, english) = failure.Step switch
        {
            ActivationStep.Offer => ("Nie można odczytać oferty", "cannot read the credential offer"),
            ActivationStep.TransactionCode => ("Kod z kartki ma zły format", "the code from the slip has the wrong format"),
            ActivationStep.IssuerMetadata => ("Nie można pobrać danych wystawcy", "cannot get the issuer's metadata"),
            ActivationStep.AuthorizationServerMetadata => ("Nie można pobrać danych serwera autoryzacji", "cannot get the authorization server's metadata"),
            ActivationStep.Token => failure.Error == "invalid_grant"
                ? ("Kod nieprawidłowy lub kartka nieważna", "wrong code, or the slip is no longer valid")
                : ("Serwer odrzucił kod", "the server refused the code"),
            ActivationStep.Nonce => ("Nie można pobrać jednorazowej wartości (nonce)", "cannot get a nonce"),
            ActivationStep.Credential => ("Serwer nie wydał legitymacji", "the server did not issue the card"),
            ActivationStep.IssuerKeys => ("Nie można pobrać kluczy wystawcy", "cannot get the issuer's keys"),
            ActivationStep.Verification => ("Otrzymana legitymacja jest nieprawidłowa — odrzucona", "the received card does not verify — refused"),
            ActivationStep.Storage => ("Nie można zapisać legitymacji", "cannot store the card"),
        };

        string detail = $"[{failure.Step}] {failure.Error}{(failure.Description is null ? string.Empty : ": " + failure.Description)}{(failure.HttpStatus is int status ? $" (HTTP {status})" : string.Empty)}";
        Terminal.Error(error, polish, english, detail);
        if (failure.Notification is { State: NotificationState.Sent })
        {
            error.WriteLine("  Wystawca powiadomiony / issuer notified (credential_failure).");
        }
    }
}
