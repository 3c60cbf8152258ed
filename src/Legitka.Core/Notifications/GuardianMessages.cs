namespace Legitka.Notifications;

/// <summary>
/// The e-mails a guardian receives during the procedure, in Polish with a short English line below. Sentences avoid
/// declining the pupil's name or gender ("Dotyczy: …"), so one template fits every pupil.
/// </summary>
public static class GuardianMessages
{
    public static MailText PhotoAccepted(string pupilName, string portalUrl) => new(
        $"mLegitymacja: zdjęcie zaakceptowane ({pupilName})",
        Compose(
            "zdjęcie przesłane do mLegitymacji szkolnej zostało zaakceptowane.",
            [$"Dotyczy: {pupilName}"],
            $"Nic więcej nie trzeba robić. Szczegóły w portalu szkoły: {portalUrl}",
            "The photo for the mobile school ID has been accepted."));

    public static MailText PhotoRejected(string pupilName, string reason, string portalUrl) => new(
        $"mLegitymacja: zdjęcie odrzucone ({pupilName})",
        Compose(
            "zdjęcie przesłane do mLegitymacji szkolnej zostało odrzucone.",
            [$"Dotyczy: {pupilName}", $"Powód: {reason}"],
            $"Prosimy przesłać nowe zdjęcie w portalu szkoły: {portalUrl}",
            "The photo for the mobile school ID was rejected (reason above); please upload a new one on the school portal."));

    public static MailText ApplicationApproved(string pupilName, string portalUrl) => new(
        $"mLegitymacja: wniosek zatwierdzony ({pupilName})",
        Compose(
            "dyrektor szkoły zatwierdził wniosek o wydanie mLegitymacji szkolnej.",
            [$"Dotyczy: {pupilName}"],
            // The photo may already be accepted, or not yet sent: the portal says which, the e-mail does not guess.
            "Gdy zdjęcie zostanie zaakceptowane, a szkoła przygotuje kody, dziecko dostanie od wychowawcy kartkę z kodem "
            + $"do aktywacji. Co jeszcze trzeba zrobić, widać w portalu szkoły: {portalUrl}",
            "The application for the mobile school ID has been approved. Once the photo is accepted and the school has "
            + "prepared the codes, your child gets a slip with an activation code from the homeroom teacher; the school portal shows what is still needed."));

    public static MailText ApplicationDeclined(string pupilName, string reason, string portalUrl) => new(
        $"mLegitymacja: wniosek odrzucony ({pupilName})",
        Compose(
            "dyrektor szkoły odmówił wydania mLegitymacji szkolnej.",
            [$"Dotyczy: {pupilName}", $"Powód: {reason}"],
            $"W razie pytań prosimy o kontakt z sekretariatem szkoły. Portal szkoły: {portalUrl}",
            "The application for the mobile school ID has been declined (reason above)."));

    public static MailText ApplicationWithdrawn(string pupilName, string byName, string portalUrl) => new(
        $"mLegitymacja: wniosek wycofany ({pupilName})",
        Compose(
            "wniosek o wydanie mLegitymacji szkolnej został wycofany.",
            [$"Dotyczy: {pupilName}", $"Wycofał(a): {byName}"],
            $"Wniosek można złożyć ponownie w portalu szkoły: {portalUrl}",
            "The application for the mobile school ID has been withdrawn; it can be filed again on the school portal."));

    public static MailText ApplicationNoLongerNeeded(string pupilName, string portalUrl) => new(
        $"mLegitymacja: wniosek nie jest już potrzebny ({pupilName})",
        Compose(
            "szkoła wydaje teraz mLegitymację szkolną każdemu uczniowi bez wniosku, więc złożony wniosek został zamknięty — nie trzeba robić nic więcej.",
            [$"Dotyczy: {pupilName}"],
            $"Opiekun, który nie chce, aby szkoła wydała mLegitymację, może zgłosić sprzeciw w portalu szkoły: {portalUrl}",
            "The school now issues the mobile school ID to every pupil without an application, so the application was closed and nothing more is needed. A guardian who does not want it issued can object on the school portal."));

    public static MailText ObjectionWithdrawn(string pupilName, string byName, string portalUrl) => new(
        $"mLegitymacja: sprzeciw wycofany ({pupilName})",
        Compose(
            "sprzeciw wobec wydania mLegitymacji szkolnej został wycofany, więc szkoła ją wyda.",
            [$"Dotyczy: {pupilName}", $"Wycofał(a): {byName}"],
            "Jeżeli to pomyłka, prosimy ponownie zgłosić sprzeciw w portalu szkoły albo skontaktować się z sekretariatem: " + portalUrl,
            "The objection to the mobile school ID has been withdrawn, so the school will issue it. If this is a mistake, object again on the school portal."));

    public static MailText MobileIdActivated(string pupilName, string when, bool endedAnotherPhone, string portalUrl) => new(
        // A name as long as the registry allows must not push the subject past what the outbox keeps.
        $"mLegitymacja: aktywowana na telefonie ({Shortened(pupilName, 200)})",
        Compose(
            "mLegitymacja szkolna została aktywowana na telefonie.",
            [
                $"Dotyczy: {pupilName}",
                $"Kiedy: {when}",
                .. endedAnotherPhone ? (string[])["Na poprzednim telefonie mLegitymacja przestała działać."] : [],
            ],
            "Jeżeli ani Państwo, ani dziecko nie aktywowali mLegitymacji w tym czasie, prosimy niezwłocznie skontaktować się "
            + $"z sekretariatem szkoły. Portal szkoły: {portalUrl}",
            "The mobile school ID has been activated on a phone" + (endedAnotherPhone ? "; it no longer works on the previous one." : ".")
            + " If neither you nor your child did this, please contact the school office at once."));

    private static string Shortened(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Compose(string news, string[] facts, string nextStep, string english) =>
        string.Join('\n',
        [
            "Dzień dobry,",
            "",
            news,
            "",
            .. facts,
            "",
            nextStep,
            "",
            "Z poważaniem",
            "Legitka, system mLegitymacji szkolnej",
            "Ta wiadomość została wysłana automatycznie, prosimy na nią nie odpowiadać.",
            "",
            "--",
            english,
        ]);
}
