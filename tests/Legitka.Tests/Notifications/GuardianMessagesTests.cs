using Legitka.Notifications;

namespace Legitka.Tests.Notifications;

public sealed class GuardianMessagesTests
{
    private const string Pupil = "Łucja Źdźbło";
    private const string Reason = "Zdjęcie nieostre lub zbyt ciemne";
    private const string Portal = "https://szkola.example/portal";

    public static TheoryData<string, MailText> All => new()
    {
        { "zaakceptowane", GuardianMessages.PhotoAccepted(Pupil, Portal) },
        { "odrzucone", GuardianMessages.PhotoRejected(Pupil, Reason, Portal) },
        { "zatwierdzony", GuardianMessages.ApplicationApproved(Pupil, Portal) },
        { "odrzucony", GuardianMessages.ApplicationDeclined(Pupil, Reason, Portal) },
        { "aktywowana", GuardianMessages.MobileIdActivated(Pupil, "29.11.2026 14:05", endedAnotherPhone: false, Portal) },
        { "aktywowana", GuardianMessages.MobileIdActivated(Pupil, "29.11.2026 14:05", endedAnotherPhone: true, Portal) },
    };

    [Theory]
    [MemberData(nameof(All))]
    public void Each_message_names_the_pupil_the_outcome_and_the_portal(string outcome, MailText text)
    {
        Assert.StartsWith("mLegitymacja: ", text.Subject, StringComparison.Ordinal);
        Assert.Contains(outcome, text.Subject, StringComparison.Ordinal);
        Assert.EndsWith($"({Pupil})", text.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Dzień dobry,", text.Body, StringComparison.Ordinal);
        Assert.Contains($"Dotyczy: {Pupil}", text.Body, StringComparison.Ordinal);
        Assert.Contains(Portal, text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejections_and_refusals_carry_the_reason_and_acceptances_do_not()
    {
        Assert.Contains($"Powód: {Reason}", GuardianMessages.PhotoRejected(Pupil, Reason, Portal).Body, StringComparison.Ordinal);
        Assert.Contains($"Powód: {Reason}", GuardianMessages.ApplicationDeclined(Pupil, Reason, Portal).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Powód:", GuardianMessages.PhotoAccepted(Pupil, Portal).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Powód:", GuardianMessages.ApplicationApproved(Pupil, Portal).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_photo_asks_for_a_new_one()
    {
        var body = GuardianMessages.PhotoRejected(Pupil, Reason, Portal).Body;
        Assert.Contains("Prosimy przesłać nowe zdjęcie", body, StringComparison.Ordinal);
    }
}
